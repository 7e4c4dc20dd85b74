//! Tenants and their Twilio credentials at rest: sealed, bound to the tenant, rotatable.

use recomply::crypto::SecretKey;
use recomply::db::tenants::{
    self, NewTenant, ResealReport, TenantError, create_tenant, find_tenant_by_account_sid,
    get_tenant, list_tenants, load_credentials, reseal_all, set_credentials, update_tenant,
};
use recomply::domain::ids::TenantId;
use recomply::twilio::{Auth, TwilioCredentials};
use sqlx::PgPool;

use crate::harness::TestDatabase;

const AC_A: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const AC_B: &str = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const SK: &str = "SK0123456789abcdef0123456789abcdef";

fn new_tenant(slug: &str) -> NewTenant {
    NewTenant {
        name: format!("Tenant {slug}"),
        slug: slug.to_owned(),
        support_email: Some(format!("help@{slug}.example.com")),
    }
}

async fn sealed_blob(pool: &PgPool, tenant_id: TenantId) -> Vec<u8> {
    sqlx::query_scalar("select twilio_credentials from tenant where tenant_id = $1")
        .bind(tenant_id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn credentials_round_trip_and_the_database_only_holds_ciphertext() {
    // Arrange
    let db = TestDatabase::create().await;
    let key = SecretKey::generate();
    let tenant = create_tenant(&db.pool, &new_tenant("acme")).await.unwrap();
    assert!(!tenant.has_credentials);
    let credentials = TwilioCredentials::with_api_key(
        AC_A,
        SK,
        "api-key-secret-value".into(),
        Some("auth-token-value".into()),
    );

    // Act
    set_credentials(&db.pool, &key, tenant.tenant_id, &credentials)
        .await
        .unwrap();

    // Assert
    let loaded = load_credentials(&db.pool, &key, tenant.tenant_id)
        .await
        .unwrap()
        .expect("credentials are stored");
    assert_eq!(loaded, credentials);
    let blob = sealed_blob(&db.pool, tenant.tenant_id).await;
    for secret in ["api-key-secret-value", "auth-token-value", SK] {
        assert!(
            !blob.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} must not be stored in clear"
        );
    }
    let row = get_tenant(&db.pool, tenant.tenant_id)
        .await
        .unwrap()
        .unwrap();
    assert!(row.has_credentials);
    assert_eq!(row.twilio_account_sid.as_deref(), Some(AC_A));
}

#[tokio::test]
async fn sealed_credentials_do_not_open_for_another_tenant_or_key() {
    // Arrange
    let db = TestDatabase::create().await;
    let key = SecretKey::generate();
    let a = create_tenant(&db.pool, &new_tenant("a")).await.unwrap();
    let b = create_tenant(&db.pool, &new_tenant("b")).await.unwrap();
    let creds = TwilioCredentials::with_auth_token(AC_A, "token-a".into());
    set_credentials(&db.pool, &key, a.tenant_id, &creds)
        .await
        .unwrap();
    let blob = sealed_blob(&db.pool, a.tenant_id).await;

    // Act: the tenant id is the associated data, so the blob only opens for tenant A.
    let as_other_tenant = key.open(b.tenant_id.as_uuid().as_bytes(), &blob);
    // Act: moving A's blob onto B's row (same account SID column) must not give B A's token.
    sqlx::query("update tenant set twilio_account_sid = null where tenant_id = $1")
        .bind(a.tenant_id)
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query(
        "update tenant set twilio_account_sid = $2, twilio_credentials = $3 where tenant_id = $1",
    )
    .bind(b.tenant_id)
    .bind(AC_A)
    .bind(&blob)
    .execute(&db.pool)
    .await
    .unwrap();
    let moved = load_credentials(&db.pool, &key, b.tenant_id).await;
    let wrong_key = load_credentials(&db.pool, &SecretKey::generate(), b.tenant_id).await;

    // Assert
    assert!(as_other_tenant.is_err());
    assert!(key.open(a.tenant_id.as_uuid().as_bytes(), &blob).is_ok());
    assert!(matches!(moved, Err(TenantError::Unseal(id)) if id == b.tenant_id));
    assert!(matches!(wrong_key, Err(TenantError::Unseal(_))));
}

#[tokio::test]
async fn two_tenants_keep_their_own_credentials_and_are_found_by_account_sid() {
    // Arrange
    let db = TestDatabase::create().await;
    let key = SecretKey::generate();
    let a = create_tenant(&db.pool, &new_tenant("alpha")).await.unwrap();
    let b = create_tenant(&db.pool, &new_tenant("beta")).await.unwrap();
    let creds_a = TwilioCredentials::with_auth_token(AC_A, "token-a".into());
    let creds_b = TwilioCredentials::with_api_key(AC_B, SK, "secret-b".into(), None);

    // Act
    set_credentials(&db.pool, &key, a.tenant_id, &creds_a)
        .await
        .unwrap();
    set_credentials(&db.pool, &key, b.tenant_id, &creds_b)
        .await
        .unwrap();

    // Assert
    let loaded_a = load_credentials(&db.pool, &key, a.tenant_id).await.unwrap();
    let loaded_b = load_credentials(&db.pool, &key, b.tenant_id).await.unwrap();
    assert_eq!(loaded_a, Some(creds_a));
    assert_eq!(loaded_b.clone(), Some(creds_b));
    assert!(matches!(loaded_b.unwrap().auth, Auth::ApiKey { .. }));
    let found = find_tenant_by_account_sid(&db.pool, AC_B).await.unwrap();
    assert_eq!(found.map(|t| t.tenant_id), Some(b.tenant_id));
    assert!(
        find_tenant_by_account_sid(&db.pool, "ACcccccccccccccccccccccccccccccccc")
            .await
            .unwrap()
            .is_none()
    );
    let taken = set_credentials(
        &db.pool,
        &key,
        b.tenant_id,
        &TwilioCredentials::with_auth_token(AC_A, "t".into()),
    )
    .await;
    assert!(matches!(taken, Err(TenantError::AccountSidTaken)));
}

#[tokio::test]
async fn rotation_reseals_every_tenant_and_can_be_repeated() {
    // Arrange
    let db = TestDatabase::create().await;
    let old_key = SecretKey::generate();
    let new_key = SecretKey::generate();
    let a = create_tenant(&db.pool, &new_tenant("one")).await.unwrap();
    let b = create_tenant(&db.pool, &new_tenant("two")).await.unwrap();
    let without = create_tenant(&db.pool, &new_tenant("three")).await.unwrap();
    let creds_a = TwilioCredentials::with_auth_token(AC_A, "token-a".into());
    let creds_b = TwilioCredentials::with_auth_token(AC_B, "token-b".into());
    set_credentials(&db.pool, &old_key, a.tenant_id, &creds_a)
        .await
        .unwrap();
    set_credentials(&db.pool, &old_key, b.tenant_id, &creds_b)
        .await
        .unwrap();

    // Act
    let first = reseal_all(&db.pool, &old_key, &new_key).await.unwrap();
    let again = reseal_all(&db.pool, &old_key, &new_key).await.unwrap();

    // Assert
    assert_eq!(
        first,
        ResealReport {
            resealed: 2,
            already_current: 0
        }
    );
    assert_eq!(
        again,
        ResealReport {
            resealed: 0,
            already_current: 2
        }
    );
    let with_new = load_credentials(&db.pool, &new_key, a.tenant_id).await;
    assert_eq!(with_new.unwrap(), Some(creds_a));
    assert_eq!(
        load_credentials(&db.pool, &new_key, b.tenant_id)
            .await
            .unwrap(),
        Some(creds_b)
    );
    assert!(
        load_credentials(&db.pool, &old_key, a.tenant_id)
            .await
            .is_err()
    );
    assert_eq!(
        load_credentials(&db.pool, &new_key, without.tenant_id)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn a_rotation_with_the_wrong_old_key_changes_nothing() {
    // Arrange
    let db = TestDatabase::create().await;
    let key = SecretKey::generate();
    let a = create_tenant(&db.pool, &new_tenant("one")).await.unwrap();
    set_credentials(
        &db.pool,
        &key,
        a.tenant_id,
        &TwilioCredentials::with_auth_token(AC_A, "token-a".into()),
    )
    .await
    .unwrap();
    let before = sealed_blob(&db.pool, a.tenant_id).await;

    // Act
    let result = reseal_all(&db.pool, &SecretKey::generate(), &SecretKey::generate()).await;

    // Assert
    assert!(matches!(result, Err(TenantError::Unseal(id)) if id == a.tenant_id));
    assert_eq!(sealed_blob(&db.pool, a.tenant_id).await, before);
}

#[tokio::test]
async fn the_rotate_secret_key_command_reseals_credentials_with_the_new_key() {
    // Arrange
    let db = TestDatabase::create().await;
    let old_key = SecretKey::generate();
    let new_key = SecretKey::generate();
    let a = create_tenant(&db.pool, &new_tenant("cli")).await.unwrap();
    let creds = TwilioCredentials::with_auth_token(AC_A, "token-a".into());
    set_credentials(&db.pool, &old_key, a.tenant_id, &creds)
        .await
        .unwrap();

    // Act
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_recomply"))
        .args([
            "admin",
            "rotate-secret-key",
            "--old-key-env",
            "TEST_OLD_KEY",
        ])
        .env("DATABASE_URL", &db.url)
        .env("RECOMPLY_SECRET_KEY", new_key.to_base64())
        .env("TEST_OLD_KEY", old_key.to_base64())
        .env_remove("RECOMPLY_DEV")
        .output()
        .await
        .expect("the binary runs");

    // Assert
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let loaded = load_credentials(&db.pool, &new_key, a.tenant_id).await;
    assert_eq!(loaded.unwrap(), Some(creds));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("token-a") && !stdout.contains(&old_key.to_base64()));
}

#[tokio::test]
async fn tenants_are_created_listed_updated_and_slugs_stay_unique() {
    // Arrange
    let db = TestDatabase::create().await;
    let zulu = create_tenant(&db.pool, &new_tenant("zulu")).await.unwrap();
    create_tenant(&db.pool, &new_tenant("alpha")).await.unwrap();

    // Act
    let duplicate = create_tenant(&db.pool, &new_tenant("zulu")).await;
    let invalid = create_tenant(&db.pool, &new_tenant("Not A Slug")).await;
    let renamed = update_tenant(
        &db.pool,
        zulu.tenant_id,
        &NewTenant {
            name: "Zulu Renamed".into(),
            slug: "zulu-2".into(),
            support_email: None,
        },
    )
    .await
    .unwrap();
    let missing = update_tenant(&db.pool, TenantId::random(), &new_tenant("x")).await;

    // Assert
    assert!(matches!(duplicate, Err(TenantError::SlugTaken)));
    assert!(matches!(invalid, Err(TenantError::Invalid("slug"))));
    assert!(matches!(missing, Err(TenantError::NotFound)));
    assert_eq!(
        (renamed.name.as_str(), renamed.slug.as_str()),
        ("Zulu Renamed", "zulu-2")
    );
    assert_eq!(renamed.support_email, None);
    let slugs: Vec<String> = list_tenants(&db.pool)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.slug)
        .collect();
    assert_eq!(slugs, vec!["alpha", "zulu-2"]);
    assert!(
        tenants::get_tenant(&db.pool, TenantId::random())
            .await
            .unwrap()
            .is_none()
    );
}
