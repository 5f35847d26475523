//! The dashboard at `/`: in a real browser (`tests/conformance/dashboard.py`: Debian's
//! Chromium driven by Selenium, audited by axe-core), and its CSV download, which is the
//! public report's.

use std::process::Command;

use awc::http::Method;
use dantin_api::official_map;
use dantin_tests::map::official_data;
use dantin_tests::{both, Backend, TestApp};

async fn on_the_real_country(backend: Backend) -> TestApp {
    let country = official_map::read_country(&official_data()).expect("the official map reads");
    TestApp::spawn_on_country(backend, &country).await
}

async fn a_person_walks_the_dashboard_in_a_browser(app: TestApp) {
    let (python, root) = dantin_tests::conformance_python();
    let out = root.join(format!("target/dashboard/{:?}", app.backend).to_lowercase());
    let run = Command::new(python)
        .arg(root.join("tests/conformance/dashboard.py"))
        .arg(app.url(""))
        .arg(&out)
        .output()
        .expect("the browser walk runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{said}");
    assert!(run.status.success(), "{said}");
    assert!(out.join("3-xa-nam-son.png").is_file());
}

async fn the_csv_download_is_the_public_reports_csv(app: TestApp) {
    let page = app.get("/?on=2022-06-04", None).await.expect(200).text();
    assert!(page.contains("Tỉnh Quảng Ninh"), "{page}");
    let download = app.get("/dashboard.csv?on=2022-06-04", None).await;
    download.expect(200);
    assert!(download
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment")));
    let req = app
        .request(
            Method::GET,
            "/api/v1/reports/unification?on=2022-06-04",
            None,
        )
        .insert_header(("Accept", "text/csv"));
    let report = app.send(req, Vec::new()).await;
    assert_eq!(download.text(), report.expect(200).text());
    assert!(
        download
            .text()
            .contains("Tỉnh Quảng Ninh,6,6,0,6,6,0,100.0"),
        "{}",
        download.text()
    );
}

async fn a_bad_choice_in_the_address_is_a_clear_400(app: TestApp) {
    app.get("/?on=2022-13-40", None)
        .await
        .expect_problem(400, "invalid_parameter");
    app.get("/?pair=mayor", None)
        .await
        .expect_problem(400, "invalid_parameter");
    let req = app.request(Method::POST, "/", None);
    let res = app.send(req, Vec::new()).await;
    res.expect_problem(405, "method_not_allowed");
    assert_eq!(res.header("allow").as_deref(), Some("GET"));
    // A form's empty fields are no choice.
    app.get("/?on=&term=&map=&pair=village", None)
        .await
        .expect(200);
}

both!(
    spawn = super::on_the_real_country;
    a_person_walks_the_dashboard_in_a_browser,
    the_csv_download_is_the_public_reports_csv,
    a_bad_choice_in_the_address_is_a_clear_400,
);
