//! End-to-end harness: the real application on a random port, over a fresh database of
//! either backend, spoken to through real HTTP.

pub mod database;
pub mod figures;
pub mod map;
pub mod personal_data;
pub mod public;
pub mod raw_http;
pub mod raw_sql;
pub mod standings;
pub mod unchanged;
pub mod world;

use std::future::Future;
use std::time::Duration;

use awc::http::header::HeaderMap;
use awc::http::Method;
use dantin_api::server::Timeouts;
use dantin_api::throttle::{Limits, Rate};
use dantin_usecases::demo::Country;
use diesel::RunQueryDsl;
use serde_json::Value;

pub use serde_json::json;

pub use database::{pg_base, Backend, Database};

/// The demo accounts (see `dantin_persistence::demo::DEMO_ACCOUNTS`).
/// A scan of minutes as the service sees one: a file that starts as a PDF does.
pub const MINUTES_PDF: &[u8] = b"%PDF-1.4\n% Bien ban bau truong thon\n%%EOF\n";

pub const ADMIN: (&str, &str) = ("admin", "demo-admin");
pub const AUDITOR: (&str, &str) = ("auditor", "demo-auditor");
pub const OFFICER: (&str, &str) = ("officer", "demo-officer");

/// One running application over its own database.
pub struct TestApp {
    pub backend: Backend,
    pub base: String,
    pub db_url: String,
    pub client: awc::Client,
    database: Database,
    server: actix_web::dev::ServerHandle,
}

/// What is left to clean up once a scenario is done with its `TestApp`.
pub struct Teardown {
    server: actix_web::dev::ServerHandle,
    database: Database,
}

impl Teardown {
    /// Stops the server (which closes its pool's connections), then removes the database.
    /// The order matters: dropping a PostgreSQL database under live libpq connections
    /// made test processes abort at exit ("double free or corruption").
    pub async fn run(self) {
        self.server.stop(true).await;
        self.database.remove();
    }
}

/// Runs `scenario` on `app`, then tears the app down even when the scenario panics (a
/// failed assertion), so that no database is left behind; the panic is then passed on.
pub async fn run_scenario<F>(app: TestApp, scenario: impl FnOnce(TestApp) -> F)
where
    F: Future<Output = ()> + 'static,
{
    let teardown = app.teardown();
    // A task of its own, so that its panic is caught and handed back here.
    let outcome = actix_web::rt::spawn(scenario(app)).await;
    teardown.run().await;
    if let Err(failed) = outcome {
        match failed.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(failed) => panic!("the scenario did not finish: {failed}"),
        }
    }
}

/// What the client saw.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ASCII header").to_owned())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts the status, printing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(
            self.status,
            status,
            "unexpected status; body: {}",
            self.text()
        );
        self
    }

    /// Asserts an error answer: status, problem+json, `x-request-id`, and the `code`.
    #[track_caller]
    pub fn expect_problem(&self, status: u16, code: &str) -> Value {
        self.expect(status);
        self.assert_problem_shape();
        let body = self.json();
        assert_eq!(body["code"], code, "problem: {body}");
        assert_eq!(body["status"], status, "problem: {body}");
        body
    }

    /// Every error answer is problem+json and carries a request id.
    #[track_caller]
    pub fn assert_problem_shape(&self) {
        let ct = self.header("content-type").unwrap_or_default();
        assert!(
            ct.starts_with("application/problem+json"),
            "content-type {ct:?} for status {}",
            self.status
        );
        let id = self.header("x-request-id");
        assert!(
            id.as_deref().is_some_and(|s| !s.is_empty()),
            "no x-request-id"
        );
        let body = self.json();
        assert!(body["title"].is_string(), "problem without title: {body}");
        assert!(body["code"].is_string(), "problem without code: {body}");
    }

    /// The `rule` of every item in the problem's `errors`.
    pub fn rules(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["rule"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub use dantin_usecases::clock::today;

/// Rate limits no test reaches but the ones that test them.
pub fn far_above_any_test() -> Limits {
    let rate = Rate {
        burst: 100_000,
        period: Duration::from_secs(60),
    };
    Limits {
        sign_in: rate,
        writes: rate,
    }
}

/// What a fresh database holds before the application starts.
enum Seed<'a> {
    Empty,
    /// The demo, on the real country when given it.
    Demo(Option<&'a Country>),
}

/// Serves the application over `store` on a free port: its base URL and its handle.
fn serve(
    store: dantin_persistence::Store,
    limits: Limits,
    timeouts: Timeouts,
) -> (String, actix_web::dev::ServerHandle) {
    let app = dantin_api::Application::build(
        store,
        dantin_api::Settings {
            keys: dantin_api::auth::TokenKeys::new(b"test-secret", 3600),
            workers: 1,
            limits,
            timeouts,
            webhooks: webhook_settings(),
            log_key: log_key(),
            changes_wait: Default::default(),
            trusted_proxies: Default::default(),
            cors_origins: vec!["https://cong.example.gov.vn".to_owned()],
        },
        "127.0.0.1:0",
    )
    .expect("bind");
    let server = app.server.handle();
    actix_web::rt::spawn(app.server);
    (format!("http://127.0.0.1:{}", app.port), server)
}

/// The Python of the conformance tools' virtualenv, and the repo's root: the drills run
/// the outside checkers in `tests/conformance/` with it.
pub fn conformance_python() -> (std::path::PathBuf, std::path::PathBuf) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = root.join("target/conformance/venv/bin/python");
    assert!(
        python.exists(),
        "no {}: run `make conformance-tools` (make test does)",
        python.display()
    );
    (python, root)
}

/// The key every instance of this test process signs checkpoints with, as the instances
/// of one deployment share theirs.
pub fn log_key() -> std::sync::Arc<dantin_api::log_key::LogKey> {
    static KEY: std::sync::OnceLock<std::sync::Arc<dantin_api::log_key::LogKey>> =
        std::sync::OnceLock::new();
    KEY.get_or_init(|| std::sync::Arc::new(dantin_api::log_key::LogKey::generate().0))
        .clone()
}

/// Webhooks as the tests deliver them: to 127.0.0.1 (the receivers they start), retried
/// every second rather than over three days.
pub fn webhook_settings() -> dantin_api::webhooks::WebhookSettings {
    dantin_api::webhooks::WebhookSettings {
        targets: dantin_api::webhooks::target::Targets::from_list("127.0.0.1"),
        schedule: vec![1; 9],
        tick: Duration::from_millis(100),
    }
}

fn client() -> awc::Client {
    awc::Client::builder()
        .timeout(Duration::from_secs(120))
        .disable_redirects()
        .finish()
}

impl TestApp {
    /// The application over a fresh database holding the demo data and accounts.
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, true).await
    }

    /// The application over a fresh database, with or without the demo data.
    pub async fn spawn_with(backend: Backend, demo: bool) -> Self {
        Self::spawn_limited(backend, demo, far_above_any_test()).await
    }

    /// As `spawn_with`, with the given rate limits.
    pub async fn spawn_limited(backend: Backend, demo: bool, limits: Limits) -> Self {
        Self::spawn_configured(backend, demo, limits, Timeouts::default()).await
    }

    /// As `spawn_with`, with the given rate limits and client timeouts.
    pub async fn spawn_configured(
        backend: Backend,
        demo: bool,
        limits: Limits,
        timeouts: Timeouts,
    ) -> Self {
        let seed = if demo { Seed::Demo(None) } else { Seed::Empty };
        Self::start(backend, seed, limits, timeouts).await
    }

    /// The application over a fresh database holding the demo on the real country, as
    /// `make run` serves it.
    pub async fn spawn_on_country(backend: Backend, country: &Country) -> Self {
        let seed = Seed::Demo(Some(country));
        Self::start(backend, seed, far_above_any_test(), Timeouts::default()).await
    }

    async fn start(backend: Backend, seed: Seed<'_>, limits: Limits, timeouts: Timeouts) -> Self {
        let database = Database::fresh(backend);
        let db_url = database.url.clone();
        let store = dantin_persistence::Store::connect(&db_url, 4).expect("connect");
        store.migrate().expect("migrate");
        if let Seed::Demo(country) = seed {
            let hash = dantin_api::auth::hash_password;
            dantin_usecases::demo::load_if_empty(&store, &hash, country)
                .expect("demo loads")
                .expect("database was empty");
        }
        let (base, server) = serve(store, limits, timeouts);
        Self {
            backend,
            base,
            db_url,
            client: client(),
            database,
            server,
        }
    }

    /// A second instance of the service over the same database, as two processes behind
    /// one address would run. Its scenario tears down the first instance only.
    pub fn beside(&self) -> Self {
        let store = dantin_persistence::Store::connect(&self.db_url, 4).expect("connect");
        let (base, server) = serve(store, far_above_any_test(), Timeouts::default());
        Self {
            backend: self.backend,
            base,
            db_url: self.db_url.clone(),
            client: client(),
            database: self.database.clone(),
            server,
        }
    }

    /// The clean-up to run once the scenario has finished with this app.
    pub fn teardown(&self) -> Teardown {
        Teardown {
            server: self.server.clone(),
            database: self.database.clone(),
        }
    }

    /// A second handle on the same database, for looking behind the API's back.
    pub fn store(&self) -> dantin_persistence::Store {
        dantin_persistence::Store::connect(&self.db_url, 1).expect("second store")
    }

    /// Runs one raw SQL statement against the database.
    pub fn sql(&self, statement: &str) -> usize {
        let stmt = statement.to_owned();
        self.store()
            .read(|c| {
                diesel::sql_query(stmt)
                    .execute(c)
                    .map_err(dantin_persistence::StoreError::from)
            })
            .expect("sql statement")
    }

    /// The port the server listens on, for clients below HTTP.
    pub fn port(&self) -> u16 {
        self.base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("the base URL names a port")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A request with optional bearer token.
    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> awc::ClientRequest {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        req
    }

    /// Sends a request with a raw body and collects the answer.
    pub async fn send(&self, req: awc::ClientRequest, body: Vec<u8>) -> Resp {
        let mut res = req.send_body(body).await.expect("request sent");
        collect(&mut res).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Resp {
        let req = self.request(Method::GET, path, token);
        let mut res = req.send().await.expect("request sent");
        collect(&mut res).await
    }

    pub async fn post_json(&self, path: &str, body: &Value, token: Option<&str>) -> Resp {
        self.json_request(Method::POST, path, body, token).await
    }

    pub async fn patch_json(&self, path: &str, body: &Value, token: Option<&str>) -> Resp {
        self.json_request(Method::PATCH, path, body, token).await
    }

    pub async fn put_json(&self, path: &str, body: &Value, token: Option<&str>) -> Resp {
        self.json_request(Method::PUT, path, body, token).await
    }

    async fn json_request(
        &self,
        method: Method,
        path: &str,
        body: &Value,
        token: Option<&str>,
    ) -> Resp {
        let req = self
            .request(method, path, token)
            .insert_header(("Content-Type", "application/json"));
        self.send(req, serde_json::to_vec(body).unwrap()).await
    }

    /// Signs in and returns the access token; panics unless it succeeds.
    pub async fn token(&self, username: &str, password: &str) -> String {
        let res = self
            .post_json(
                "/api/v1/auth/token",
                &json!({"username": username, "password": password}),
                None,
            )
            .await;
        res.expect(200);
        res.json()["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned()
    }

    pub async fn admin(&self) -> String {
        self.token(ADMIN.0, ADMIN.1).await
    }

    pub async fn auditor(&self) -> String {
        self.token(AUDITOR.0, AUDITOR.1).await
    }

    pub async fn officer(&self) -> String {
        self.token(OFFICER.0, OFFICER.1).await
    }

    /// Every unit the list answers for the query (`?...` without paging), following cursors.
    pub async fn all_units(&self, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/units?limit=500&{query}");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let res = self.get(&path, None).await;
            res.expect(200);
            let body = res.json();
            out.extend(body["items"].as_array().unwrap().iter().cloned());
            match body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => return out,
            }
        }
    }

    /// The first unit whose name is exactly `name` (in force today).
    pub async fn unit_named(&self, name: &str) -> Value {
        self.all_units("")
            .await
            .into_iter()
            .find(|u| u["name"] == name)
            .unwrap_or_else(|| panic!("no unit named {name}"))
    }

    /// Creates a unit as `token`, asserting 201.
    pub async fn create_unit(&self, token: &str, unit: Value) -> Value {
        let res = self.post_json("/api/v1/units", &unit, Some(token)).await;
        res.expect(201);
        res.json()
    }
}

async fn collect<S>(res: &mut awc::ClientResponse<S>) -> Resp
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>> + Unpin,
{
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res
        .body()
        .limit(64 * 1024 * 1024)
        .await
        .expect("body read")
        .to_vec();
    Resp {
        status,
        headers,
        body,
    }
}

/// Generates `sqlite::name` and `postgres::name` tests from `async fn name(app: TestApp)`,
/// each on a fresh app from `TestApp::spawn`, or from `spawn = super::f;` (an
/// `async fn f(Backend) -> TestApp`, named from inside the generated modules).
#[macro_export]
macro_rules! both {
    ($($name:ident),+ $(,)?) => {
        $crate::both!(spawn = $crate::TestApp::spawn; $($name),+);
    };
    (spawn = $spawn:path; $($name:ident),+ $(,)?) => {
        $crate::both!(@backend sqlite, Sqlite, $spawn; $($name),+);
        $crate::both!(@backend postgres, Postgres, $spawn; $($name),+);
    };
    (@backend $module:ident, $backend:ident, $spawn:path; $($name:ident),+) => {
        mod $module {
            $(
                #[actix_web::test]
                async fn $name() {
                    let app = $spawn($crate::Backend::$backend).await;
                    $crate::run_scenario(app, super::$name).await;
                }
            )+
        }
    };
}
