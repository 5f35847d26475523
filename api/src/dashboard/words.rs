//! What the dashboard says, in Vietnamese (its language) and in English.

use dantin_domain::appointment::Post;
use dantin_domain::pair::PostPair;
use dantin_domain::unification::NotUnifiedReason;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

/// The page's fixed texts.
pub struct Words {
    pub code: &'static str,
    pub title: &'static str,
    pub lede: &'static str,
    pub other_language: &'static str,
    pub other_language_name: &'static str,
    pub controls: &'static str,
    pub day: &'static str,
    pub day_hint: &'static str,
    pub term: &'static str,
    pub no_term: &'static str,
    pub pair: &'static str,
    pub map: &'static str,
    pub map_of_day: &'static str,
    pub map_before: &'static str,
    pub map_after: &'static str,
    pub show: &'static str,
    pub csv: &'static str,
    pub country: &'static str,
    pub tile_map: &'static str,
    pub no_data: &'static str,
    pub unit: &'static str,
    pub in_force: &'static str,
    pub known: &'static str,
    pub unified: &'static str,
    pub rate: &'static str,
    pub target: &'static str,
    pub gap: &'static str,
    pub total: &'static str,
    pub not_unified: &'static str,
    pub none_missing: &'static str,
    pub reason: &'static str,
    pub officeholders: &'static str,
    pub post: &'static str,
    pub person: &'static str,
    pub since: &'static str,
    pub campaign: &'static str,
    pub head_elections: &'static str,
    pub congresses: &'static str,
    pub in_scope: &'static str,
    pub date: &'static str,
    pub checkpoint: &'static str,
    pub api: &'static str,
    pub legend: &'static str,
}

pub const VI: Words = Words {
    code: "vi",
    title: "Nhất thể hóa bí thư chi bộ và trưởng thôn, tổ dân phố",
    lede: "Dân tin – Đảng cử: tỷ lệ thôn, tổ dân phố có bí thư chi bộ đồng thời là trưởng thôn.",
    other_language: "en",
    other_language_name: "English",
    controls: "Chọn số liệu",
    day: "Ngày",
    day_hint: "Để trống: cuối nhiệm kỳ đã chọn, hoặc hôm nay",
    term: "Nhiệm kỳ",
    no_term: "(theo ngày)",
    pair: "Chức danh",
    map: "Bản đồ hành chính",
    map_of_day: "Theo ngày đã chọn",
    map_before: "Trước 1/7/2025 (63 tỉnh, thành phố)",
    map_after: "Từ 1/7/2025 (34 tỉnh, thành phố)",
    show: "Xem",
    csv: "Tải CSV",
    country: "Cả nước",
    tile_map: "Bản đồ ô: mỗi ô là một tỉnh, thành phố, màu theo tỷ lệ nhất thể hóa",
    no_data: "chưa có số liệu",
    unit: "Đơn vị",
    in_force: "Số đơn vị",
    known: "Có số liệu",
    unified: "Đã nhất thể hóa",
    rate: "Tỷ lệ",
    target: "Chỉ tiêu",
    gap: "Còn thiếu",
    total: "Tổng",
    not_unified: "Chưa nhất thể hóa",
    none_missing: "Không có đơn vị nào chưa nhất thể hóa.",
    reason: "Lý do",
    officeholders: "Người giữ chức danh",
    post: "Chức danh",
    person: "Họ và tên",
    since: "Từ ngày",
    campaign: "Tiến độ bầu cử trong nhiệm kỳ",
    head_elections: "Thôn đã bầu được trưởng thôn",
    congresses: "Chi bộ đã bầu được bí thư",
    in_scope: "Số thôn, tổ dân phố có chi bộ",
    date: "Ngày",
    checkpoint: "Số liệu tính trên nhật ký kiểm toán",
    api: "API và tài liệu",
    legend: "Chú giải màu",
};

pub const EN: Words = Words {
    code: "en",
    title: "One person as village head and Party cell secretary",
    lede: "\"Dân tin – Đảng cử\": the share of villages whose Party cell secretary is also the village head.",
    other_language: "vi",
    other_language_name: "Tiếng Việt",
    controls: "Choose the figures",
    day: "Day",
    day_hint: "Empty: the chosen term's end, or today",
    term: "Term",
    no_term: "(by day)",
    pair: "Posts",
    map: "Administrative map",
    map_of_day: "As on the chosen day",
    map_before: "Before 1/7/2025 (63 provinces)",
    map_after: "From 1/7/2025 (34 provinces)",
    show: "Show",
    csv: "Download CSV",
    country: "Vietnam",
    tile_map: "Tile map: one tile per province, coloured by the unification rate",
    no_data: "no figures yet",
    unit: "Unit",
    in_force: "Units",
    known: "Known",
    unified: "Unified",
    rate: "Rate",
    target: "Target",
    gap: "Gap",
    total: "Total",
    not_unified: "Not unified",
    none_missing: "Every known unit is unified.",
    reason: "Reason",
    officeholders: "Officeholders",
    post: "Post",
    person: "Name",
    since: "Since",
    campaign: "Elections over the term",
    head_elections: "Villages with a head elected",
    congresses: "Cells with a secretary elected",
    in_scope: "Villages with a cell",
    date: "Date",
    checkpoint: "Figures computed on the audit log at",
    api: "API and documentation",
    legend: "Colour key",
};

impl Lang {
    pub fn words(self) -> &'static Words {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    pub fn pair(self, p: PostPair) -> &'static str {
        let (vi, en) = match p {
            PostPair::Village => (
                "Bí thư chi bộ – trưởng thôn, tổ dân phố",
                "Cell secretary and village head",
            ),
            PostPair::CommuneChair => (
                "Bí thư đảng ủy – chủ tịch UBND xã",
                "Commune Party secretary and People's Committee chair",
            ),
            PostPair::CommuneCouncil => (
                "Bí thư đảng ủy – chủ tịch HĐND xã",
                "Commune Party secretary and People's Council chair",
            ),
            PostPair::Agency => (
                "Bí thư chi bộ – thủ trưởng cơ quan, đơn vị",
                "Cell secretary and agency head",
            ),
        };
        self.pick(vi, en)
    }

    pub fn reason(self, r: NotUnifiedReason) -> &'static str {
        let (vi, en) = match r {
            NotUnifiedReason::NoHead => ("Chưa có trưởng thôn", "No head"),
            NotUnifiedReason::HeadRemoved => ("Trưởng thôn bị miễn nhiệm", "Head removed"),
            NotUnifiedReason::InterimHead => ("Trưởng thôn lâm thời", "Interim head"),
            NotUnifiedReason::HeadNotPartyMember => {
                ("Trưởng thôn không là đảng viên", "Head not a Party member")
            }
            NotUnifiedReason::HeadProbationary => (
                "Trưởng thôn là đảng viên dự bị",
                "Head a probationary member",
            ),
            NotUnifiedReason::NoSecretary => ("Chưa có bí thư chi bộ", "No secretary"),
            NotUnifiedReason::CongressChoseAnother => (
                "Đại hội bầu người khác làm bí thư",
                "The congress chose another",
            ),
            NotUnifiedReason::VacantAfterReorganization => {
                ("Khuyết sau sắp xếp", "Vacant after a reorganisation")
            }
        };
        self.pick(vi, en)
    }

    pub fn post(self, p: Post) -> &'static str {
        let (vi, en) = match p {
            Post::VillageHead => ("Trưởng thôn, tổ trưởng tổ dân phố", "Village head"),
            Post::DeputyVillageHead => ("Phó trưởng thôn", "Deputy village head"),
            Post::CellSecretary => ("Bí thư chi bộ", "Cell secretary"),
            Post::CellDeputySecretary => ("Phó bí thư chi bộ", "Deputy cell secretary"),
            Post::CommunePartySecretary => ("Bí thư đảng ủy xã", "Commune Party secretary"),
            Post::PeoplesCommitteeChair => ("Chủ tịch UBND xã", "People's Committee chair"),
            Post::PeoplesCouncilChair => ("Chủ tịch HĐND xã", "People's Council chair"),
            Post::AgencyHead => ("Thủ trưởng cơ quan, đơn vị", "Agency head"),
        };
        self.pick(vi, en)
    }

    fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// A day as the language writes it.
    pub fn day(self, d: chrono::NaiveDate) -> String {
        match self {
            Lang::Vi => d.format("%d/%m/%Y").to_string(),
            Lang::En => d.format("%-d %b %Y").to_string(),
        }
    }

    /// A rate in percent, one decimal, as the language writes it.
    pub fn percent(self, rate: f64) -> String {
        let s = format!("{rate:.1}%");
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }
}
