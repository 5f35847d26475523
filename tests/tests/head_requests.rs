//! HEAD on the public reads: the GET's status and headers, without the body.

use awc::http::Method;
use dantin_tests::public::get_with;
use dantin_tests::{both, TestApp};

async fn head_answers_as_get_without_the_body(app: TestApp) {
    let unit = app.unit_named("Thôn Khe Tâm").await;
    let cases = [
        (
            format!("/api/v1/units/{}", unit["id"]),
            "application/json",
            200,
        ),
        ("/api/v1/officeholders".to_owned(), "application/json", 200),
        ("/api/v1/units".to_owned(), "text/csv", 200),
        (
            "/api/v1/units/999999999".to_owned(),
            "application/json",
            404,
        ),
    ];
    for (path, accept, status) in cases {
        let get = get_with(&app, &path, None, &[("Accept", accept)]).await;
        let mut req = app.request(Method::HEAD, &path, None);
        req = req.insert_header(("Accept", accept));
        let head = app.send(req, Vec::new()).await;
        assert_eq!((head.status, get.status), (status, status), "{path}");
        assert!(head.body.is_empty(), "HEAD {path} sent a body");
        for name in ["content-type", "etag", "cache-control"] {
            assert_eq!(head.header(name), get.header(name), "{name} of {path}");
        }
        // A length, where one is announced, is the GET's: RFC 9110 §8.6.
        let announced = head
            .header("content-length")
            .map(|n| n.parse::<usize>().unwrap());
        if accept == "application/json" {
            assert_eq!(announced, Some(get.body.len()), "content-length of {path}");
        } else {
            assert!(
                announced.is_none_or(|n| n == get.body.len()),
                "{path}: {announced:?}"
            );
        }
    }
}

both!(head_answers_as_get_without_the_body);
