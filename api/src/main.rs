//! `dantin`: serve the API, migrate the database, create accounts, print the spec.

use std::io::Read;
use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use dantin_api::auth::{hash_password, TokenKeys};
use dantin_api::log_key::LogKey;
use dantin_api::routes::changes::WaitCap;
use dantin_api::server::Timeouts;
use dantin_api::throttle::{Limits, Rate, TrustedProxies};
use dantin_api::webhooks::target::Targets;
use dantin_api::webhooks::WebhookSettings;
use dantin_api::{official_map, openapi, Application, Settings};
use dantin_domain::access::Role;
use dantin_usecases::accounts::{self, NewAccount};
use dantin_usecases::{demo, Caller, Store};

#[derive(Parser)]
#[command(
    name = "dantin",
    version,
    about = "Registry of village-level leadership in Vietnam"
)]
struct Cli {
    /// `sqlite://PATH` or `postgres://...`
    #[arg(
        long,
        env = "DANTIN_DATABASE_URL",
        default_value = "sqlite://data/dantin.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, then serve the API.
    Serve(Box<ServeArgs>),
    /// Apply pending migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// The official map.
    Map {
        #[command(subcommand)]
        command: MapCommand,
    },
}

#[derive(Subcommand)]
enum MapCommand {
    /// Load the map of 30/6/2025 (63 provinces, 696 districts, 10,051 communes) and apply
    /// the reform of 1/7/2025 (34 provinces, 3,321 communes) as one reorganisation, from
    /// the files `bash scripts/official-map.sh` writes. Loading again changes nothing.
    Load {
        #[arg(long, default_value = "target/official-map")]
        dir: std::path::PathBuf,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// On an empty database, load the demo data set and demo accounts: on the official map
    /// and its 2025 reform when `--map-dir` holds them, else on the demo's own places.
    #[arg(long)]
    demo: bool,
    /// The folder `bash scripts/official-map.sh` writes the official map to.
    #[arg(long, default_value = "target/official-map")]
    map_dir: std::path::PathBuf,
    #[arg(long, env = "DANTIN_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// The secret that signs tokens; required unless --demo.
    #[arg(long, env = "DANTIN_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,
    /// How long a token lives, in seconds.
    #[arg(long, env = "DANTIN_TOKEN_TTL", default_value_t = 3600)]
    token_ttl: i64,
    /// Database connections in the pool.
    #[arg(long, env = "DANTIN_POOL_SIZE", default_value_t = 8)]
    pool_size: u32,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "DANTIN_WORKERS")]
    workers: Option<usize>,
    /// Sign-in attempts allowed per client address (N/s, N/min or N/h).
    #[arg(long, env = "DANTIN_SIGN_IN_RATE", default_value = "10/min")]
    sign_in_rate: Rate,
    /// Writes allowed per account (N/s, N/min or N/h).
    #[arg(long, env = "DANTIN_WRITE_RATE", default_value = "600/min")]
    write_rate: Rate,
    /// Seconds a client may take to send a request's line and headers.
    #[arg(long, env = "DANTIN_HEAD_TIMEOUT", default_value_t = 5)]
    head_timeout: u64,
    /// Seconds a client may take to send a request's body (an import's: ten times as long).
    #[arg(long, env = "DANTIN_BODY_TIMEOUT", default_value_t = 30)]
    body_timeout: u64,
    /// Hosts (names or addresses, comma-separated) that webhooks may reach although they
    /// are private or loopback addresses.
    #[arg(long, env = "DANTIN_WEBHOOK_ALLOW_HOSTS", default_value = "")]
    webhook_allow_hosts: String,
    /// The Ed25519 key that signs the audit log's checkpoints: the base64 of a 32-byte
    /// seed (`head -c32 /dev/urandom | base64`).
    #[arg(long, env = "DANTIN_AUDIT_KEY", hide_env_values = true)]
    audit_key: Option<String>,
    /// Seconds a request to the change feed may wait at most (`wait=`; 30 at most).
    #[arg(long, env = "DANTIN_CHANGES_MAX_WAIT", default_value_t = 30)]
    changes_max_wait: u64,
    /// Addresses of the load balancers in front (comma-separated), whose
    /// `X-Forwarded-For` names the client for the sign-in limit.
    #[arg(long, env = "DANTIN_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<IpAddr>,
    /// Web origins whose pages may call the API (comma-separated; `*` for any).
    #[arg(long, env = "DANTIN_CORS_ORIGINS", value_delimiter = ',')]
    cors_origins: Vec<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input.
    Create {
        #[arg(long)]
        username: String,
        /// admin, officer or auditor
        #[arg(long)]
        role: Role,
        /// An officer's unit, by official code (in force today).
        #[arg(long)]
        unit: Option<String>,
        /// Grant an officer the coordinator capability: it settles the differences between
        /// two entries of a minute in its area.
        #[arg(long)]
        coordinator: bool,
        /// Read the password from standard input (the only way: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

fn open_store(url: &str, pool_size: u32) -> Result<Store, String> {
    let store = Store::connect(url, pool_size).map_err(|e| e.to_string())?;
    store.migrate().map_err(|e| e.to_string())?;
    Ok(store)
}

fn create_user(
    url: &str,
    username: String,
    role: Role,
    (unit, coordinator): (Option<String>, bool),
) -> Result<(), String> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']);
    if password.len() < 8 {
        return Err("the password must have at least 8 characters".to_owned());
    }
    let store = open_store(url, 1)?;
    let new = NewAccount {
        username,
        password_hash: hash_password(password),
        role,
        coordinator,
    };
    let user = accounts::create(&store, &Caller::system("cli"), new, unit.as_deref())
        .map_err(|e| e.to_string())?;
    println!(
        "created {} account `{}` (id {})",
        user.account.role(),
        user.username,
        user.id
    );
    Ok(())
}

async fn serve(url: &str, args: ServeArgs) -> Result<(), String> {
    let ServeArgs {
        demo: with_demo,
        map_dir,
        bind,
        jwt_secret,
        token_ttl,
        pool_size,
        workers,
        sign_in_rate,
        write_rate,
        head_timeout,
        body_timeout,
        webhook_allow_hosts,
        audit_key,
        changes_max_wait,
        trusted_proxies,
        cors_origins,
    } = args;
    let bind = bind.as_str();
    let secret = match (jwt_secret.filter(|s| !s.is_empty()), with_demo) {
        (Some(s), _) => s,
        (None, true) => {
            log::warn!("no DANTIN_JWT_SECRET: signing demo tokens with a random secret for this run only");
            format!("{:032x}", rand::random::<u128>())
        }
        (None, false) => {
            return Err("refusing to start: set DANTIN_JWT_SECRET to a long random secret (or use `serve --demo` to try the service)".to_owned())
        }
    };
    let log_key = match (audit_key.filter(|k| !k.is_empty()), with_demo) {
        (Some(k), _) => LogKey::from_base64(&k)?,
        (None, true) => {
            let (key, _) = LogKey::generate();
            log::warn!("no DANTIN_AUDIT_KEY: signing the audit log's checkpoints with a key for this run only");
            key
        }
        (None, false) => {
            return Err("refusing to start: set DANTIN_AUDIT_KEY to the base64 of 32 random bytes (it signs the audit log's checkpoints)".to_owned())
        }
    };
    let store = open_store(url, pool_size)?;
    if with_demo {
        // Read the map only for an empty database: later starts stay fast.
        let empty = demo::is_empty(&store).map_err(|e| e.to_string())?;
        let country = if !empty {
            None
        } else if official_map::present(&map_dir) {
            Some(official_map::read_country(&map_dir)?)
        } else {
            log::warn!(
                "no official map in {}: the demo stays on its own places of 2020 (`bash scripts/official-map.sh` fetches the map)",
                map_dir.display()
            );
            None
        };
        let loaded = demo::load_if_empty(&store, &hash_password, country.as_ref());
        match loaded.map_err(|e| e.to_string())? {
            Some(s) => println!(
                "demo data loaded: {} units, {} party organisations, {} persons, {} terms, {} head elections, {} congresses, {} accounts",
                s.units, s.party_orgs, s.persons, s.terms, s.head_elections, s.congresses, s.accounts
            ),
            None => println!("the database already holds data: demo data not loaded"),
        }
        println!("\nDashboard: http://{bind}/");
        println!("Swagger UI: http://{bind}/swagger-ui/");
        println!("Sign in: POST /api/v1/auth/token (\"Try it out\") with one of");
        for a in demo::DEMO_ACCOUNTS {
            println!(
                "  {{\"username\": \"{}\", \"password\": \"{}\"}}   ({})",
                a.username, a.password, a.role
            );
        }
        println!("then click Authorize and paste the access_token.\n");
    }
    let settings = Settings {
        keys: TokenKeys::new(secret.as_bytes(), token_ttl),
        workers: workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from)),
        limits: Limits {
            sign_in: sign_in_rate,
            writes: write_rate,
        },
        timeouts: Timeouts {
            head: Duration::from_secs(head_timeout),
            body: Duration::from_secs(body_timeout),
        },
        webhooks: WebhookSettings {
            targets: Targets::from_list(&webhook_allow_hosts),
            ..WebhookSettings::default()
        },
        log_key: Arc::new(log_key),
        changes_wait: WaitCap(Duration::from_secs(changes_max_wait)),
        trusted_proxies: TrustedProxies(trusted_proxies),
        cors_origins,
    };
    let app = Application::build(store, settings, bind)
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    log::info!("listening on port {}", app.port);
    app.server.await.map_err(|e| e.to_string())
}

#[actix_web::main]
async fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(&cli.database_url, *args).await,
        Command::Migrate => {
            open_store(&cli.database_url, 1).map(|_| println!("migrations applied"))
        }
        Command::User {
            command:
                UserCommand::Create {
                    username,
                    role,
                    unit,
                    coordinator,
                    password_stdin: _,
                },
        } => create_user(&cli.database_url, username, role, (unit, coordinator)),
        Command::Openapi => {
            print!("{}", openapi::spec_json());
            Ok(())
        }
        Command::Map {
            command: MapCommand::Load { dir },
        } => open_store(&cli.database_url, 1).and_then(|store| {
            let loaded = official_map::load(&store, &dir)?;
            match loaded.imported {
                Some(s) => println!("imported {} units", s.created),
                None => println!("the map of 2025-06-30 was already loaded"),
            }
            match loaded.operations {
                Some(n) => println!("applied the reform of 2025-07-01: {n} operations"),
                None => println!("the reform of 2025-07-01 was already applied"),
            }
            Ok(())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dantin: {e}");
            ExitCode::FAILURE
        }
    }
}
