//! Each rule stated in Vietnamese, for the `detail` of a problem answered on
//! `Accept-Language: vi` (the English detail says what failed in the request itself).

use crate::rule::Rule;

impl Rule {
    /// The rule as one Vietnamese sentence: what must hold.
    pub fn statement_vi(self) -> &'static str {
        match self {
            // The map.
            Rule::UnitKindLevel => "Loại của đơn vị phải phù hợp với cấp của đơn vị đó.",
            Rule::UnitParentLevel => "Đơn vị phải trực thuộc một đơn vị ở cấp liền trên.",
            Rule::UnitParentExists => "Đơn vị cấp trên của đơn vị phải tồn tại.",
            Rule::UnitWithinParentValidity => {
                "Đơn vị chỉ có hiệu lực trong thời gian đơn vị cấp trên của nó còn hiệu lực."
            }
            Rule::UnitCodeUniqueOnDate => {
                "Hai đơn vị cùng có hiệu lực trong một ngày không được trùng mã."
            }
            Rule::UnitChildrenInForce => {
                "Thời hạn hiệu lực mới của đơn vị không được để đơn vị trực thuộc nào còn hiệu lực ngoài thời hạn đó."
            }
            Rule::UnitTenuresWithin => {
                "Thời hạn hiệu lực mới của đơn vị không được để thời gian giữ chức danh nào tại đơn vị nằm ngoài thời hạn đó."
            }
            Rule::UnitElectionsWithin => {
                "Thời hạn hiệu lực mới của đơn vị không được để cuộc bầu cử nào tại đơn vị nằm ngoài thời hạn đó."
            }
            Rule::UnitVersionsKept => {
                "Khi đính chính ngày hiệu lực của đơn vị, phải giữ lại từng phiên bản của đơn vị đó."
            }
            Rule::UnitParentCycle => "Đơn vị không được trực thuộc chính nó, dù trực tiếp hay gián tiếp.",
            // Reorganisations.
            Rule::ReorganizationUnitKnown => {
                "Đơn vị được sắp xếp phải đang có hiệu lực, với đúng mã đã nêu, vào ngày trước ngày sắp xếp."
            }
            Rule::ReorganizationAfterLastChange => {
                "Việc sắp xếp phải có hiệu lực sau lần thay đổi hoặc lần chấm dứt gần nhất đã ghi nhận của đơn vị."
            }
            Rule::ReorganizationChangedTwice => {
                "Trong cùng một lần sắp xếp, không được có hai thao tác thay đổi cùng một nội dung của một đơn vị, và đơn vị bị chấm dứt thì không được đồng thời thay đổi."
            }
            Rule::SuccessionPredecessorEnded => {
                "Đơn vị có đơn vị kế thừa phải chấm dứt trong chính lần sắp xếp đó."
            }
            Rule::SuccessionSuccessorInForce => "Đơn vị kế thừa phải có hiệu lực vào ngày sắp xếp.",
            Rule::ValidToAfterValidFrom => "Ngày kết thúc phải sau ngày bắt đầu.",
            Rule::ImportLevel => "Cấp ghi trong dòng dữ liệu nhập phải là cấp mà hệ thống nhận biết.",
            Rule::UnitKindKnown => {
                "Loại đơn vị phải là loại mà hệ thống nhận biết, ghi bằng mã (slug) hoặc từ tiếng Việt; nếu không ghi thì lấy từ đầu tiên trong tên đơn vị."
            }
            // Party organisations.
            Rule::PartyOrgParentKind => {
                "Tổ chức đảng cấp trên phải thuộc loại cao hơn tổ chức đảng trực thuộc."
            }
            Rule::PartyOrgUnitLevel => {
                "Tổ chức đảng phải gắn với một đơn vị ở cấp phù hợp với loại của tổ chức đó."
            }
            Rule::PartyOrgParentExists => "Tổ chức đảng cấp trên phải tồn tại.",
            Rule::PartyOrgParentAbove => {
                "Tổ chức đảng cấp trên phải lãnh đạo đơn vị của tổ chức đảng trực thuộc hoặc một đơn vị cấp trên của đơn vị đó."
            }
            Rule::PartyOrgUnitExists => "Đơn vị của tổ chức đảng phải tồn tại.",
            Rule::PartyOrgChildrenInForce => {
                "Khi sắp xếp chấm dứt một tổ chức đảng, không được còn tổ chức đảng trực thuộc nào có hiệu lực."
            }
            Rule::ReorganizationOrgKnown => {
                "Tổ chức đảng được sắp xếp phải đang có hiệu lực vào ngày trước ngày sắp xếp."
            }
            // Persons.
            Rule::BirthDateNotInFuture => "Ngày sinh không được sau ngày hôm nay.",
            Rule::PartyOrgMatchesStatus => {
                "Đảng viên phải thuộc một tổ chức đảng; người không phải đảng viên thì không thuộc tổ chức đảng nào."
            }
            Rule::PersonResidenceExists => "Đơn vị nơi cư trú của người đó phải tồn tại.",
            Rule::PersonPartyOrgExists => "Tổ chức đảng của người đó phải tồn tại.",
            // Terms and rule sets.
            Rule::TermEndsAfterStart => "Nhiệm kỳ phải kết thúc sau ngày bắt đầu.",
            Rule::TermScopeIsProvince => "Nhiệm kỳ phải thuộc lịch nhiệm kỳ của một tỉnh.",
            Rule::TermScopeExists => "Tỉnh của nhiệm kỳ phải tồn tại.",
            Rule::TermLabelTaken => "Trong một tỉnh, mỗi tên nhiệm kỳ chỉ được dùng cho một nhiệm kỳ.",
            Rule::RuleSetBounds => {
                "Các tham số trong bộ quy tắc của tỉnh phải nằm trong giới hạn hợp lệ."
            }
            // Public holidays.
            Rule::HolidayInYear => "Lịch nghỉ lễ của một năm chỉ ghi các ngày của năm đó.",
            Rule::HolidayOnce => "Mỗi ngày nghỉ lễ chỉ được ghi một lần trong lịch của năm.",
            // Cell meetings and assigned cadres.
            Rule::CellExists => "Cuộc họp hoặc phân công phải ghi một tổ chức đảng có trong sổ.",
            Rule::IsACell => "Cuộc họp hoặc phân công phải ghi một chi bộ, không phải một đảng ủy.",
            Rule::CellInForce => {
                "Chi bộ phải còn hoạt động vào ngày họp, hoặc vào ngày bắt đầu phân công."
            }
            Rule::MeetingTopic => {
                "Buổi sinh hoạt chuyên đề phải ghi chuyên đề; buổi sinh hoạt thường kỳ thì không."
            }
            Rule::CadreExists => "Cán bộ dự họp hoặc được phân công phải là người có trong sổ.",
            Rule::CadreListedOnce => "Mỗi cán bộ dự họp chỉ được ghi một lần.",
            Rule::CadreAssignedOnce => {
                "Một cán bộ chỉ được phân công dự sinh hoạt một chi bộ một lần trong cùng thời gian."
            }
            Rule::CellMeetsMonthly => "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.",
            Rule::CellThematicQuarterly => "Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần.",
            Rule::CadreAttendance => {
                "Cán bộ được phân công không vắng quá tỷ lệ tỉnh quy định trong các buổi sinh hoạt được phân công dự."
            }
            // Scans of minutes.
            Rule::ScanType => {
                "Bản quét biên bản phải là tệp PDF, PNG hoặc JPEG, đúng với loại tệp đã gửi."
            }
            // Double entry of minutes.
            Rule::DoubleEntryRequired => {
                "Nơi tỉnh quy định nhập hai lần, kết quả phải được nhập hai lần, không ghi trực tiếp."
            }
            Rule::EntryState => {
                "Lần nhập thứ hai đến sau một lần nhập đầu; điều phối viên chỉ xử lý hai lần nhập khác nhau; biên bản đã chốt hoặc đã hủy không nhập thêm."
            }
            Rule::SecondEntryByAnother => "Lần nhập thứ hai do một tài khoản khác lần nhập đầu.",
            Rule::EntrySameRecord => {
                "Lần nhập thứ hai hoặc bản sửa phải cùng loại biên bản, cùng thôn hoặc chi bộ với lần nhập đầu."
            }
            Rule::ResolutionCorrection => {
                "Chỉ cách xử lý \"sửa\" mới kèm bản nhập sửa, và phải kèm bản đó."
            }
            Rule::EntryWarningsAcknowledged => "Mọi cảnh báo của một lần nhập phải được người nhập xác nhận.",
            Rule::FullTurnout => "Cảnh báo: tất cả những người dự kiến đều có mặt.",
            Rule::UnanimousWinner => "Cảnh báo: một người được tất cả những người có mặt bầu.",
            Rule::ResultDefinitive => {
                "Chỉ một lần nhập đã chốt mới thành kết quả, được công nhận hoặc chuẩn y."
            }
            // Webhooks.
            Rule::WebhookUnitExists => "Địa bàn của webhook phải là một đơn vị có tồn tại.",
            Rule::WebhookUrlAllowed => {
                "Webhook phải gọi một địa chỉ URL http(s) phân giải đến các địa chỉ được phép truy cập."
            }
            // Head elections.
            Rule::ElectionUnitExists => "Thôn, tổ dân phố của cuộc bầu cử phải tồn tại.",
            Rule::ElectionUnitIsVillage => {
                "Cuộc bầu trưởng thôn, tổ trưởng tổ dân phố phải là của một thôn, tổ dân phố."
            }
            Rule::ElectionTermExists => "Nhiệm kỳ của cuộc bầu cử phải tồn tại.",
            Rule::ElectionTermOfProvince => {
                "Nhiệm kỳ phải thuộc lịch nhiệm kỳ của tỉnh nơi có thôn, tổ dân phố."
            }
            Rule::ElectionWithinTerm => {
                "Cuộc bầu trưởng thôn hoặc đại hội chi bộ phải diễn ra vào một ngày trong nhiệm kỳ."
            }
            Rule::PresentWithinTotal => {
                "Số người có mặt không được vượt quá tổng số hộ gia đình (hoặc số đảng viên được triệu tập)."
            }
            Rule::VotesWithinPresent => "Số phiếu bầu không được vượt quá số người có mặt.",
            Rule::CandidateUnique => "Mỗi người ứng cử chỉ được ghi tên một lần trong một lần bỏ phiếu.",
            Rule::CandidateRequired => "Mỗi lần bỏ phiếu phải có ít nhất một người ứng cử.",
            Rule::CandidateExists => "Người ứng cử phải là người đã được ghi nhận trong hệ thống.",
            Rule::ElectionTeamMemberExists => {
                "Thành viên tổ bầu cử phải là người đã được ghi nhận trong hệ thống."
            }
            Rule::CandidateMinAge => "Người ứng cử phải đủ 21 tuổi vào ngày bầu cử.",
            Rule::CandidateResidence => "Người ứng cử phải cư trú tại thôn, tổ dân phố nơi bầu cử.",
            Rule::CandidateHoldsNoOtherHeadPost => {
                "Người ứng cử không được đang giữ chức trưởng thôn, tổ trưởng tổ dân phố ở nơi khác."
            }
            Rule::CandidateNotOnElectionTeam => "Thành viên tổ bầu cử không được ứng cử.",
            Rule::HouseholdQuorum => {
                "Cuộc họp phải có trên một nửa số đại diện hộ gia đình trong thôn, tổ dân phố tham dự."
            }
            Rule::HeadMajority => {
                "Người trúng cử phải có số phiếu cao nhất và trên một nửa số phiếu so với số đại diện hộ gia đình làm căn cứ tính."
            }
            Rule::RecognitionNeedsWinner => "Chỉ công nhận kết quả cuộc bầu cử đã có người trúng cử.",
            Rule::RecognitionAfterElection => "Ngày công nhận không được trước ngày bầu cử.",
            Rule::RecognitionWithin5WorkingDays => {
                "Ủy ban nhân dân xã phải công nhận trưởng thôn trong 5 ngày làm việc."
            }
            Rule::AlreadyRecognized => "Mỗi kết quả bầu cử chỉ được công nhận một lần.",
            // Cell congresses.
            Rule::CongressCellExists => "Tổ chức đảng tiến hành đại hội phải tồn tại.",
            Rule::CongressOfACell => "Đại hội phải là đại hội của một chi bộ.",
            Rule::PresentWithinSummoned => {
                "Số đảng viên có mặt không được vượt quá số đảng viên được triệu tập."
            }
            Rule::ExclusionsWithinSummoned => {
                "Số đảng viên không tính vào căn cứ tính kết quả không được vượt quá số đảng viên được triệu tập."
            }
            Rule::CellCommitteeRequired => {
                "Chi bộ có từ 9 đảng viên chính thức trở lên phải bầu chi ủy từ 1 đến 7 người trước; chi bộ có ít hơn 9 đảng viên chính thức không bầu chi ủy."
            }
            Rule::SecretaryFromCommittee => "Bí thư chi bộ phải được bầu trong số chi ủy viên.",
            Rule::RoundsAtMostThree => "Không được tiến hành quá ba lần bỏ phiếu.",
            Rule::NoRoundAfterAWinner => {
                "Không được bỏ phiếu thêm sau lần bỏ phiếu đã có người trúng cử."
            }
            Rule::CongressOfficialMembersOnly => "Chỉ đảng viên chính thức được ứng cử.",
            Rule::CandidateMemberOfCell => {
                "Bí thư chi bộ phải được bầu trong số đảng viên của chính chi bộ đó."
            }
            Rule::CongressQuorum => {
                "Số đảng viên có mặt phải vượt tỷ lệ do tỉnh quy định so với số đảng viên được triệu tập."
            }
            Rule::CongressMajorityOfSummoned => {
                "Người trúng cử phải có số phiếu trên một nửa số đảng viên được triệu tập, sau khi trừ số đảng viên không tính vào căn cứ."
            }
            Rule::HeadElectionBeforeCongress => {
                "Khi thực hiện nhất thể hóa, trưởng thôn, tổ trưởng tổ dân phố phải được bầu trước đại hội chi bộ."
            }
            Rule::ApprovalNeedsWinner => "Chỉ chuẩn y kết quả đại hội đã có người trúng cử.",
            Rule::ApprovalAfterCongress => "Ngày chuẩn y không được trước ngày đại hội.",
            Rule::ApprovalWithin15WorkingDays => {
                "Cấp ủy cấp trên phải chuẩn y bí thư chi bộ trong 15 ngày làm việc."
            }
            Rule::AlreadyApproved => "Mỗi kết quả đại hội chỉ được chuẩn y một lần.",
            // Tenures.
            Rule::AppointmentPersonExists => {
                "Người giữ chức danh phải là người đã được ghi nhận trong hệ thống."
            }
            Rule::AppointmentSeat => {
                "Chức danh phải được giữ tại một đơn vị hoặc tổ chức đảng đúng loại của chức danh đó."
            }
            Rule::AppointmentBasis => {
                "Hình thức giữ chức danh (bầu, lâm thời, chỉ định) phải phù hợp với chức danh đó."
            }
            Rule::OneHolderPerPost => "Mỗi chức danh chỉ có một người đảm nhiệm tại một thời điểm.",
            Rule::AppointmentAlreadyEnded => "Thời gian giữ chức danh chỉ được kết thúc một lần.",
            Rule::EndDecisionRequired => {
                "Trưởng thôn, tổ dân phố thôi giữ chức do từ chức hoặc bị miễn nhiệm phải có quyết định của Ủy ban nhân dân cấp xã; các trường hợp khác không ghi quyết định."
            }
            Rule::EndDecidedAfterRequest => {
                "Quyết định phải được ban hành vào hoặc sau ngày xin thôi hoặc ngày họp miễn nhiệm."
            }
            Rule::EndOnOrAfterDecision => {
                "Thời gian giữ chức danh kết thúc vào hoặc sau ngày có quyết định."
            }
            Rule::RemovalWithin5WorkingDays => {
                "Ủy ban nhân dân cấp xã công nhận việc thôi giữ chức của trưởng thôn, tổ dân phố trong vòng 5 ngày làm việc."
            }
            Rule::AppointmentUnitKnown => {
                "Thời gian giữ chức danh được nhập theo mã đơn vị phải chỉ đến đơn vị mang mã đó vào ngày bắt đầu giữ chức danh."
            }
            Rule::AppointmentUnitHasOrg => {
                "Chức danh trong Đảng được nhập theo mã đơn vị phải được giữ tại tổ chức đảng của đơn vị đó, đúng loại chức danh yêu cầu và có hiệu lực vào ngày đó."
            }
            Rule::AppointmentPersonForm => {
                "Dòng nhập thời gian giữ chức danh phải ghi người giữ chức danh đúng một lần: người đã có trong hệ thống hoặc người mới."
            }
            // Reads asked of the wrong thing.
            Rule::StatusOfAVillage => "Trạng thái nhất thể hóa chỉ được tra cứu cho thôn, tổ dân phố.",
            Rule::StatusVillageInForce => {
                "Trạng thái nhất thể hóa chỉ được tra cứu cho thôn, tổ dân phố có hiệu lực vào ngày tra cứu."
            }
            Rule::EligibilityUnitExists => "Đơn vị cần xét điều kiện ứng cử phải tồn tại.",
            Rule::EligibilityUnitIsVillage => "Chỉ xét điều kiện ứng cử cho thôn, tổ dân phố.",
            Rule::EligibilityVillageHasCell => {
                "Chỉ xét điều kiện ứng cử bí thư chi bộ cho thôn, tổ dân phố có chi bộ."
            }
            Rule::EligibilityPostSupported => {
                "Chỉ xét điều kiện ứng cử cho các chức danh ở thôn, tổ dân phố."
            }
            // Accounts.
            Rule::OfficerHasUnit => {
                "Tài khoản cán bộ phải ghi đơn vị nơi công tác; tài khoản có vai trò khác không ghi đơn vị."
            }
            Rule::CoordinatorIsOfficer => {
                "Chỉ cán bộ phụ trách một địa bàn mới được giao quyền điều phối nhập liệu."
            }
            Rule::UsernameTaken => "Mỗi tài khoản phải có tên đăng nhập riêng.",
            Rule::UnitInArea => {
                "Các đơn vị nêu trong mỗi dòng ghi dữ liệu hàng loạt phải thuộc địa bàn của người thực hiện."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use unicode_normalization::is_nfc;

    #[test]
    fn every_rule_has_its_own_nfc_sentence() {
        let mut seen: HashMap<&str, Rule> = HashMap::new();
        for &rule in Rule::ALL {
            let s = rule.statement_vi();
            assert!(!s.trim().is_empty(), "{rule}: empty");
            assert!(s.ends_with('.'), "{rule}: no final period");
            assert!(is_nfc(s), "{rule}: not NFC");
            if let Some(other) = seen.insert(s, rule) {
                panic!("{rule} and {other} share a statement");
            }
        }
    }
}
