//! Start-up refuses bad configuration, naming the variable.

use super::*;

const KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

fn load(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
    let mut all = vec![("RECOMPLY_SECRET_KEY", KEY), ("HOME", "/tmp")];
    all.extend_from_slice(pairs);
    Config::from_source(false, &Source::from_pairs(&all))
}

fn refusal(pairs: &[(&str, &str)]) -> String {
    format!("{:#}", load(pairs).expect_err("start-up is refused"))
}

#[test]
fn a_bad_interval_stops_start_up_naming_the_variable() {
    for bad in ["5m", "-1", "abc", "0"] {
        let message = refusal(&[("RECOMPLY_POLL_INTERVAL_SECS", bad)]);
        assert!(message.contains("RECOMPLY_POLL_INTERVAL_SECS"), "{message}");
        let message = refusal(&[("RECOMPLY_POLL_FIRST_SECS", bad)]);
        assert!(message.contains("RECOMPLY_POLL_FIRST_SECS"), "{message}");
        let message = refusal(&[("RECOMPLY_SWEEP_INTERVAL_SECS", bad)]);
        assert!(
            message.contains("RECOMPLY_SWEEP_INTERVAL_SECS"),
            "{message}"
        );
        let message = refusal(&[("RECOMPLY_DISCOVERY_INTERVAL_SECS", bad)]);
        assert!(
            message.contains("RECOMPLY_DISCOVERY_INTERVAL_SECS"),
            "{message}"
        );
        let message = refusal(&[("RECOMPLY_TWILIO_TIMEOUT_SECS", bad)]);
        assert!(
            message.contains("RECOMPLY_TWILIO_TIMEOUT_SECS"),
            "{message}"
        );
    }
    let config = load(&[("RECOMPLY_POLL_INTERVAL_SECS", "15")]).unwrap();
    assert_eq!(config.poll_interval, Some(Duration::from_secs(15)));
    let config = load(&[("RECOMPLY_DISCOVERY_INTERVAL_SECS", "600")]).unwrap();
    assert_eq!(config.discovery_interval, Some(Duration::from_secs(600)));
    let config = load(&[("RECOMPLY_POLL_FIRST_SECS", "2")]).unwrap();
    assert_eq!(config.poll_first, Some(Duration::from_secs(2)));
}

#[test]
fn bad_sign_in_limits_stop_start_up() {
    for name in [
        "RECOMPLY_MAGIC_LINK_TTL_MINUTES",
        "RECOMPLY_MAGIC_LINK_PER_ADDRESS",
        "RECOMPLY_MAGIC_LINK_PER_CLIENT",
    ] {
        for bad in ["0", "-3", "ten"] {
            assert!(refusal(&[(name, bad)]).contains(name), "{name}={bad}");
        }
    }
    assert_eq!(load(&[]).unwrap().magic_links, MagicLinkPolicy::default());
    let config = load(&[
        ("RECOMPLY_MAGIC_LINK_TTL_MINUTES", "30"),
        ("RECOMPLY_MAGIC_LINK_PER_ADDRESS", "2"),
        ("RECOMPLY_MAGIC_LINK_PER_CLIENT", "7"),
    ])
    .unwrap();
    assert_eq!(config.magic_links.ttl, time::Duration::minutes(30));
    assert_eq!(config.magic_links.per_address, 2);
    assert_eq!(config.magic_links.per_client, 7);
}

#[test]
fn the_api_rate_limit_defaults_to_600_and_must_be_a_positive_number() {
    assert_eq!(load(&[]).unwrap().api_requests_per_minute, 600);
    let config = load(&[("RECOMPLY_API_RATE_LIMIT_PER_MINUTE", "30")]).unwrap();
    assert_eq!(config.api_requests_per_minute, 30);
    for bad in ["0", "-1", "lots"] {
        let message = refusal(&[("RECOMPLY_API_RATE_LIMIT_PER_MINUTE", bad)]);
        assert!(
            message.contains("RECOMPLY_API_RATE_LIMIT_PER_MINUTE"),
            "{message}"
        );
    }
}

#[test]
fn the_webhook_rate_limit_defaults_to_600_and_must_be_a_positive_number() {
    assert_eq!(load(&[]).unwrap().webhook_callbacks_per_minute, 600);
    let config = load(&[("RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE", "20")]).unwrap();
    assert_eq!(config.webhook_callbacks_per_minute, 20);
    for bad in ["0", "-1", "lots", "1.5"] {
        let message = refusal(&[("RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE", bad)]);
        assert!(
            message.contains("RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE"),
            "{bad}: {message}"
        );
    }
}

#[test]
fn the_metrics_token_is_optional_long_and_never_printed() {
    assert!(load(&[]).unwrap().metrics_token.is_none());
    assert!(
        load(&[("RECOMPLY_METRICS_TOKEN", "")])
            .unwrap()
            .metrics_token
            .is_none()
    );
    let token = "0123456789abcdef0123";
    let config = load(&[("RECOMPLY_METRICS_TOKEN", token)]).unwrap();
    assert_eq!(config.metrics_token.as_ref().unwrap().expose(), token);
    assert!(!config.summary().contains(token), "{}", config.summary());
    assert!(!format!("{config:?}").contains(token));
    for bad in [
        "short",
        "has a space in it, long enough",
        "caf\u{e9}-0123456789abcdef",
    ] {
        let message = refusal(&[("RECOMPLY_METRICS_TOKEN", bad)]);
        assert!(
            message.contains("RECOMPLY_METRICS_TOKEN"),
            "{bad}: {message}"
        );
        assert!(
            !message.contains(bad),
            "the refusal quotes no secret: {message}"
        );
    }
}

#[test]
fn the_action_digest_window_defaults_to_ten_minutes_and_zero_turns_it_off() {
    assert_eq!(
        load(&[]).unwrap().action_digest_window,
        Duration::from_secs(600)
    );
    let off = load(&[("RECOMPLY_ACTION_DIGEST_SECS", "0")]).unwrap();
    assert_eq!(off.action_digest_window, Duration::ZERO);
    let message = refusal(&[("RECOMPLY_ACTION_DIGEST_SECS", "ten")]);
    assert!(message.contains("RECOMPLY_ACTION_DIGEST_SECS"), "{message}");
}

#[test]
fn the_renewal_link_lifetime_defaults_to_30_days_and_bad_values_are_named() {
    assert_eq!(load(&[]).unwrap().renewal_link_days, 30);
    let config = load(&[("RECOMPLY_RENEWAL_LINK_DAYS", "7")]).unwrap();
    assert_eq!(config.renewal_link_ttl(), time::Duration::days(7));
    for bad in ["0", "-3", "30d", "abc", "400"] {
        let message = refusal(&[("RECOMPLY_RENEWAL_LINK_DAYS", bad)]);
        assert!(
            message.contains("RECOMPLY_RENEWAL_LINK_DAYS"),
            "{bad}: {message}"
        );
    }
}

#[test]
fn a_mysql_database_url_is_refused_with_a_clear_message() {
    let message = refusal(&[("DATABASE_URL", "mysql://root@db/recomply")]);
    assert!(
        message.contains("DATABASE_URL") && message.contains("PostgreSQL"),
        "{message}"
    );
    assert!(load(&[("DATABASE_URL", "postgresql://u@h/db")]).is_ok());
}

#[test]
fn the_public_url_must_be_http_or_https() {
    let message = refusal(&[("RECOMPLY_PUBLIC_URL", "ftp://files.example.com")]);
    assert!(message.contains("RECOMPLY_PUBLIC_URL"), "{message}");
}

#[test]
fn serving_outside_dev_mode_needs_an_explicit_public_url() {
    let without = load(&[]).unwrap();
    let message = format!("{:#}", without.check_for_serving().unwrap_err());
    assert!(message.contains("RECOMPLY_PUBLIC_URL"), "{message}");
    let with = load(&[("RECOMPLY_PUBLIC_URL", "https://app.example.com")]).unwrap();
    assert!(with.check_for_serving().is_ok());
    let dir = std::env::temp_dir().join(format!("recomply-config-{}", std::process::id()));
    let dir = dir.to_string_lossy().into_owned();
    let dev = load(&[("RECOMPLY_DEV", "yes"), ("RECOMPLY_DATA_DIR", &dir)]).unwrap();
    assert!(dev.dev_mode && dev.check_for_serving().is_ok());
}

#[test]
fn an_empty_dev_variable_is_unset_and_a_bad_one_is_named() {
    assert!(!load(&[("RECOMPLY_DEV", "")]).unwrap().dev_mode);
    assert!(refusal(&[("RECOMPLY_DEV", "sometimes")]).contains("RECOMPLY_DEV"));
}

#[test]
fn two_factor_for_admins_is_off_unless_a_boolean_turns_it_on() {
    assert!(!load(&[]).unwrap().staff_2fa_required_for_admin);
    for on in ["1", "true", "yes"] {
        let config = load(&[("RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN", on)]).unwrap();
        assert!(config.staff_2fa_required_for_admin, "{on}");
    }
    assert!(
        refusal(&[("RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN", "always")])
            .contains("RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN")
    );
}

#[test]
fn frame_ancestors_are_off_by_default_and_a_bad_origin_stops_start_up() {
    assert!(!load(&[]).unwrap().frame_ancestors.is_on());
    let config = load(&[
        ("RECOMPLY_FRAME_ANCESTORS", "https://portal.isv.example"),
        ("RECOMPLY_PUBLIC_URL", "https://renewals.isv.example"),
    ])
    .unwrap();
    assert_eq!(
        config.frame_ancestors.origins(),
        ["https://portal.isv.example"]
    );
    assert!(config.check_for_serving().is_ok());
    assert!(
        config
            .summary()
            .contains("frame_ancestors=https://portal.isv.example")
    );
    for bad in [
        "http://portal.isv.example",
        "https://portal.isv.example/app",
        "*",
    ] {
        let message = refusal(&[("RECOMPLY_FRAME_ANCESTORS", bad)]);
        assert!(
            message.contains("RECOMPLY_FRAME_ANCESTORS"),
            "{bad}: {message}"
        );
    }
}

#[test]
fn framing_needs_an_https_public_url() {
    let config = load(&[
        ("RECOMPLY_FRAME_ANCESTORS", "https://portal.isv.example"),
        ("RECOMPLY_PUBLIC_URL", "http://renewals.isv.example"),
    ])
    .unwrap();
    let message = format!("{:#}", config.check_for_serving().unwrap_err());
    assert!(
        message.contains("RECOMPLY_FRAME_ANCESTORS") && message.contains("https"),
        "{message}"
    );
}

#[test]
fn trusted_proxies_default_to_none() {
    assert!(load(&[]).unwrap().trusted_proxies.is_empty());
    let config = load(&[("RECOMPLY_TRUSTED_PROXIES", "10.0.0.2,10.0.0.3")]).unwrap();
    assert_eq!(config.trusted_proxies.len(), 2);
    assert!(
        refusal(&[("RECOMPLY_TRUSTED_PROXIES", "lb.internal")])
            .contains("RECOMPLY_TRUSTED_PROXIES")
    );
}

#[test]
fn the_summary_masks_secrets() {
    let config = load(&[
        ("DATABASE_URL", "postgres://app:hunter2@db/recomply"),
        (
            "RECOMPLY_SMTP_URL",
            "smtp://mailer:s3cret@smtp.example.com:587",
        ),
    ])
    .unwrap();
    let summary = config.summary();
    assert!(
        !summary.contains("hunter2") && !summary.contains("s3cret"),
        "{summary}"
    );
    assert!(!summary.contains(KEY), "{summary}");
    assert!(
        summary.contains("postgres://app:***@db/recomply"),
        "{summary}"
    );
}

#[test]
fn the_2010_api_follows_an_emulator_api_url_but_not_twilios_own() {
    let config = load(&[]).unwrap();
    assert_eq!(
        config.twilio.core_api_base_url.as_str(),
        "https://api.twilio.com/"
    );
    let config = load(&[("RECOMPLY_TWILIO_API_URL", "http://127.0.0.1:4010")]).unwrap();
    assert_eq!(
        config.twilio.core_api_base_url.as_str(),
        "http://127.0.0.1:4010/"
    );
    assert_eq!(
        config.twilio.upload_base_url.as_str(),
        "http://127.0.0.1:4010/"
    );
    let config = load(&[("RECOMPLY_TWILIO_API_URL", "https://numbers.twilio.com")]).unwrap();
    assert_eq!(
        config.twilio.core_api_base_url.as_str(),
        "https://api.twilio.com/"
    );
    let config = load(&[
        ("RECOMPLY_TWILIO_API_URL", "http://127.0.0.1:4010"),
        ("RECOMPLY_TWILIO_CORE_API_URL", "http://127.0.0.1:4011"),
    ])
    .unwrap();
    assert_eq!(
        config.twilio.core_api_base_url.as_str(),
        "http://127.0.0.1:4011/"
    );
    assert!(
        refusal(&[("RECOMPLY_TWILIO_CORE_API_URL", "nope")])
            .contains("RECOMPLY_TWILIO_CORE_API_URL")
    );
}

#[test]
fn the_submit_by_rule_defaults_to_two_and_two_business_days_and_refuses_bad_values() {
    let rule = load(&[]).unwrap().submit_by;
    assert_eq!((rule.review_days, rule.fix_days), (2, 2));
    let set = load(&[
        ("RECOMPLY_REVIEW_BUSINESS_DAYS", "3"),
        ("RECOMPLY_REJECTION_FIX_BUSINESS_DAYS", "0"),
    ])
    .unwrap()
    .submit_by;
    assert_eq!((set.review_days, set.fix_days), (3, 0));
    for (name, bad) in [
        ("RECOMPLY_REVIEW_BUSINESS_DAYS", "0"),
        ("RECOMPLY_REVIEW_BUSINESS_DAYS", "two"),
        ("RECOMPLY_REJECTION_FIX_BUSINESS_DAYS", "-1"),
    ] {
        let message = refusal(&[(name, bad)]);
        assert!(message.contains(name), "{message}");
    }
}

#[test]
fn a_sweep_keeps_eight_twilio_calls_in_flight_unless_told_and_never_none() {
    assert_eq!(load(&[]).unwrap().twilio.concurrency, 8);
    let config = load(&[("RECOMPLY_TWILIO_CONCURRENCY", "32")]).unwrap();
    assert_eq!(config.twilio.concurrency, 32);
    for bad in ["0", "-1", "many", "8s"] {
        let message = refusal(&[("RECOMPLY_TWILIO_CONCURRENCY", bad)]);
        assert!(message.contains("RECOMPLY_TWILIO_CONCURRENCY"), "{message}");
    }
}
