//! Tests for `report`: every TTS error of `reference/tts/NOTES.md` §3, 429 with retry,
//! 5xx, HTML and malformed bodies, `{}`, organization and user keys, rights, expiry, ID
//! mismatches, and the RFC 3339 / days-from-civil conversion. Bodies are built from
//! NOTES §2–§3.

use tts_keycheck::report::{
    self, days_from_civil, parse_rfc3339, Expectations, Expiry, Outcome, RateLimit, Report,
    Response, Warning,
};
use tts_keycheck::rights::IOTBRIDGE_PROFILE;
use tts_keycheck::value::ToValue;

/// 2024-06-01T00:00:00Z.
const NOW: i64 = 1_717_200_000;
const KEY_ID: &str = "ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI";
const FULL_KEY: &str = "NNSXS.ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI.LQD7A5VGEXNZ7F7PNTVUPMPDEB5XBJMTIH6ESUEE622VU2FQVESA";

const IOTBRIDGE: Expectations<'static> = Expectations {
    organization_id: Some("my-org"),
    key_id: Some(KEY_ID),
    required_rights: IOTBRIDGE_PROFILE,
};
const NOTHING: Expectations<'static> = Expectations {
    organization_id: None,
    key_id: None,
    required_rights: &[],
};
const OTHER_ORG: Expectations<'static> = Expectations {
    organization_id: Some("other-org"),
    ..IOTBRIDGE
};
const OTHER_KEY: Expectations<'static> = Expectations {
    key_id: Some("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    ..IOTBRIDGE
};
const BLANK: Expectations<'static> = Expectations {
    organization_id: Some("  "),
    key_id: Some(""),
    ..IOTBRIDGE
};

const ORG: &str = r#"{"organization_ids":{"organization_id":"my-org"}}"#;
const USER: &str = r#"{"user_ids":{"user_id":"jo"}}"#;
const APP: &str = r#"{"application_ids":{"application_id":"my-app"}}"#;
const DEVICE: &str =
    r#"{"device_ids":{"device_id":"dev1","application_ids":{"application_id":"my-app"}}}"#;
const GATEWAY: &str = r#"{"gateway_ids":{"gateway_id":"gw-1","eui":"0011223344556677"}}"#;
const CLIENT: &str = r#"{"client_ids":{"client_id":"my-client"}}"#;

/// What the server returns for a key created with `RIGHT_APPLICATION_ALL`,
/// `RIGHT_ORGANIZATION_APPLICATIONS_LIST` and `RIGHT_ORGANIZATION_APPLICATIONS_CREATE`:
/// expanded, in no particular order.
const APPLICATION_ALL_EXPANDED: &[&str] = &[
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
    "RIGHT_APPLICATION_ALL",
    "RIGHT_APPLICATION_LINK",
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_SETTINGS_API_KEYS",
    "RIGHT_APPLICATION_SETTINGS_COLLABORATORS",
    "RIGHT_APPLICATION_SETTINGS_PACKAGES",
    "RIGHT_APPLICATION_DELETE",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_WRITE",
    "RIGHT_APPLICATION_DEVICES_READ_KEYS",
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS",
    "RIGHT_APPLICATION_TRAFFIC_READ",
    "RIGHT_APPLICATION_TRAFFIC_UP_WRITE",
    "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE",
];
const ORGANIZATION_ALL_EXPANDED: &[&str] = &[
    "RIGHT_ORGANIZATION_ALL",
    "RIGHT_ORGANIZATION_INFO",
    "RIGHT_ORGANIZATION_SETTINGS_BASIC",
    "RIGHT_ORGANIZATION_SETTINGS_API_KEYS",
    "RIGHT_ORGANIZATION_SETTINGS_MEMBERS",
    "RIGHT_ORGANIZATION_DELETE",
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
    "RIGHT_ORGANIZATION_GATEWAYS_LIST",
    "RIGHT_ORGANIZATION_GATEWAYS_CREATE",
    "RIGHT_ORGANIZATION_CLIENTS_LIST",
    "RIGHT_ORGANIZATION_CLIENTS_CREATE",
    "RIGHT_ORGANIZATION_ADD_AS_COLLABORATOR",
];
const PROFILE_BUT_DEVICES_WRITE: &[&str] = &[
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_READ_KEYS",
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS",
];

/// An auth_info body for an API key of `entity` (NOTES §2's derived example).
fn key(entity: &str, rights: &[&str], expires_at: Option<&str>) -> String {
    let rights: Vec<String> = rights.iter().map(|r| format!("\"{r}\"")).collect();
    let rights = rights.join(",");
    let expires = expires_at.map_or(String::new(), |at| format!(r#","expires_at":"{at}""#));
    format!(
        r#"{{"api_key":{{"api_key":{{"id":"{KEY_ID}","name":"my key","rights":[{rights}],"created_at":"2023-11-22T15:50:02.883333Z","updated_at":"2023-11-22T15:50:02.883334Z"{expires}}},"entity_ids":{entity}}}}}"#
    )
}

/// `body` (an auth_info object) with `is_admin` and `universal_rights` added.
fn admin(body: &str) -> String {
    format!(
        r#"{{"is_admin":true,"universal_rights":{{"rights":["RIGHT_USER_INFO"]}},{}"#,
        &body[1..]
    )
}

/// A TTS error body (NOTES §3): `google.rpc.Status` with one `ErrorDetails`.
/// `{uid}` in `format` stands for `my-org@ttn`, `{rate}` for 10, `{key}` for the resource.
fn tts_error(grpc: u32, error: &str, format: &str, attributes: &str) -> String {
    let (namespace, name) = error.rsplit_once(':').unwrap();
    let message = format
        .replace("{uid}", "my-org@ttn")
        .replace("{rate}", "10")
        .replace("{key}", "auth_info");
    format!(
        r#"{{"code":{grpc},"message":"error:{namespace}:{name} ({message})","details":[{{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"{namespace}","name":"{name}","message_format":"{format}","attributes":{attributes},"correlation_id":"7d4a76e4b2074fdfbb6d0fac81d8647c","code":{grpc}}}]}}"#
    )
}

/// The docs example of an error body, verbatim (NOTES §3).
const DOCS_EXAMPLE: &str = r#"{"code": 7, "message": "error:pkg/auth/rights:no_user_rights (no rights for user `admin@thethings`)",
 "details": [{"@type": "type.googleapis.com/ttn.lorawan.v3.ErrorDetails", "namespace": "pkg/auth/rights",
   "name": "no_user_rights", "message_format": "no rights for user `{uid}`",
   "attributes": {"uid": "admin@thethings"}, "correlation_id": "7d4a76e4b2074fdfbb6d0fac81d8647c", "code": 7}]}"#;

/// An unknown key id: the error and its cause from the store (NOTES §3).
const API_KEY_NOT_FOUND: &str = r#"{"code":16,"message":"error:pkg/identityserver:api_key_not_found (API key not found)","details":[{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"pkg/identityserver","name":"api_key_not_found","message_format":"API key not found","correlation_id":"0c1e3a6f8e3b4d0c9c8b7a6f5e4d3c2b","cause":{"namespace":"pkg/identityserver/store","name":"api_key_not_found","message_format":"api key with id `{api_key_id}` not found","attributes":{"api_key_id":"ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI"},"code":5},"code":16}]}"#;

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

/// One line of what a report says, leaving out what is empty or default.
fn summary(report: &Report) -> String {
    let mut parts = vec![report.outcome.code().to_owned()];
    let codes = |outcomes: &[Outcome]| {
        outcomes
            .iter()
            .map(|o| o.code())
            .collect::<Vec<_>>()
            .join(",")
    };
    if report.problems.len() > 1 {
        parts.push(format!("also={}", codes(&report.problems[1..])));
    }
    if let Some(access) = report.access {
        parts.push(format!("access={}", access.code()));
    }
    if let Some(entity) = &report.entity {
        parts.push(format!(
            "entity={}:{}",
            entity.kind.code(),
            entity.id.as_deref().unwrap_or("?")
        ));
    }
    if let Some(key_id) = &report.key_id {
        parts.push(format!("key={}…", &key_id[..8]));
    }
    if let Some(name) = &report.key_name {
        parts.push(format!("name={name:?}"));
    }
    if !report.granted.is_empty() {
        parts.push(format!("granted={}", report.granted.len()));
    }
    if !report.missing.is_empty() {
        parts.push(format!("missing={}", report.missing.join(",")));
    }
    match report.expiry {
        None => {}
        Some(Expiry::Expires { days }) => parts.push(format!("expires={days}d")),
        Some(expiry) => parts.push(format!(
            "expiry={}",
            serde_json::to_value(expiry).unwrap()["state"]
                .as_str()
                .unwrap()
        )),
    }
    let check = |matches: Option<bool>| {
        if matches == Some(true) {
            "match"
        } else {
            "MISMATCH"
        }
    };
    if let Some(matches) = report.key_id_matches {
        parts.push(format!("key_id={}", check(Some(matches))));
    }
    if let Some(matches) = report.organization_matches {
        parts.push(format!("org={}", check(Some(matches))));
    }
    if report.is_admin {
        parts.push("admin".to_owned());
    }
    if !report.warnings.is_empty() {
        let warnings: Vec<&str> = report.warnings.iter().map(|w| w.code()).collect();
        parts.push(format!("warn={}", warnings.join(",")));
    }
    for warning in &report.server_warnings {
        parts.push(format!("x-warning={warning:?}"));
    }
    if let Some(seconds) = report.retry_after_seconds {
        parts.push(format!("retry={seconds}s"));
    }
    if let Some(error) = &report.error {
        let field = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
        parts.push(format!(
            "error={}:{} uid={} cid={}",
            field(&error.namespace),
            field(&error.name),
            field(&error.uid),
            field(&error.correlation_id).get(..4).unwrap_or("-")
        ));
    }
    parts.join(" ")
}

#[track_caller]
fn check(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
    expect: Expectations<'_>,
    expected: &str,
) {
    let response = Response {
        status,
        headers,
        body,
    };
    let report = report::report(&response, &expect, NOW);
    assert_eq!(summary(&report), expected, "status {status}, body {body}");
    assert_eq!(
        report.outcome,
        report.problems.first().copied().unwrap_or(Outcome::Ok)
    );
    assert_eq!(report.http_status, status);
    let json = serde_json::to_string(&report).unwrap();
    // What JS gets (the widget's `Value`) is what the `Serialize` derive writes.
    assert_eq!(
        report.to_value().to_json(),
        json,
        "status {status}, body {body}"
    );
    assert!(!json.contains("NNSXS."), "the report holds no key: {json}");
    assert!(
        !json.contains(&FULL_KEY[..20]),
        "the report holds no key: {json}"
    );
    assert!(
        !json.contains(&FULL_KEY[46..]),
        "the report holds no secret: {json}"
    );
}

#[test]
#[rustfmt::skip]
fn api_keys() {
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, None), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &key(ORG, APPLICATION_ALL_EXPANDED, None), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=18 expiry=never key_id=match org=match"#);
    check(200, &[], &key(ORG, &["RIGHT_APPLICATION_ALL", "ORGANIZATION_APPLICATIONS_LIST", "ORGANIZATION_APPLICATIONS_CREATE"], None), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=18 expiry=never key_id=match org=match"#);
    check(200, &[], &key(ORG, PROFILE_BUT_DEVICES_WRITE, None), IOTBRIDGE, r#"missing_rights access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=7 missing=RIGHT_APPLICATION_DEVICES_WRITE expiry=never key_id=match org=match"#);
    check(200, &[], &key(ORG, ORGANIZATION_ALL_EXPANDED, None), IOTBRIDGE, r#"missing_rights access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=14 missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_SETTINGS_BASIC,RIGHT_APPLICATION_DEVICES_READ,RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_DEVICES_READ_KEYS,RIGHT_APPLICATION_DEVICES_WRITE_KEYS expiry=never key_id=match org=match warn=organization_all_only"#);
    check(200, &[], &key(ORG, &[], None), IOTBRIDGE, r#"missing_rights access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_SETTINGS_BASIC,RIGHT_APPLICATION_DEVICES_READ,RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_DEVICES_READ_KEYS,RIGHT_APPLICATION_DEVICES_WRITE_KEYS,RIGHT_ORGANIZATION_APPLICATIONS_LIST,RIGHT_ORGANIZATION_APPLICATIONS_CREATE expiry=never key_id=match org=match"#);
    check(200, &[], &key(ORG, &[], None), NOTHING, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" expiry=never"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, None), BLANK, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never"#);
}

#[test]
#[rustfmt::skip]
fn wrong_key_or_owner() {
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, None), OTHER_KEY, r#"key_id_mismatch access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=MISMATCH org=match"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, None), OTHER_ORG, r#"wrong_organization access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=MISMATCH"#);
    check(200, &[], &key(ORG, &[], None), OTHER_ORG, r#"wrong_organization also=missing_rights access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_SETTINGS_BASIC,RIGHT_APPLICATION_DEVICES_READ,RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_DEVICES_READ_KEYS,RIGHT_APPLICATION_DEVICES_WRITE_KEYS,RIGHT_ORGANIZATION_APPLICATIONS_LIST,RIGHT_ORGANIZATION_APPLICATIONS_CREATE expiry=never key_id=match org=MISMATCH"#);
    check(200, &[], &key(USER, &["RIGHT_USER_ALL", "RIGHT_APPLICATION_ALL", "RIGHT_ORGANIZATION_ALL"], None), IOTBRIDGE, r#"ok access=api_key entity=user:jo key=ZXPW62GW… name="my key" granted=48 expiry=never key_id=match org=MISMATCH warn=user_key"#);
    check(200, &[], &key(USER, &["RIGHT_USER_ALL"], None), IOTBRIDGE, r#"missing_rights access=api_key entity=user:jo key=ZXPW62GW… name="my key" granted=18 missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_SETTINGS_BASIC,RIGHT_APPLICATION_DEVICES_READ,RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_DEVICES_READ_KEYS,RIGHT_APPLICATION_DEVICES_WRITE_KEYS,RIGHT_ORGANIZATION_APPLICATIONS_LIST,RIGHT_ORGANIZATION_APPLICATIONS_CREATE expiry=never key_id=match org=MISMATCH warn=user_key"#);
    check(200, &[("X-Warning", "Restricted rights while account pending")], &key(USER, &["RIGHT_USER_INFO"], None), NOTHING, r#"ok access=api_key entity=user:jo key=ZXPW62GW… name="my key" granted=1 expiry=never warn=server_warning,user_key x-warning="Restricted rights while account pending""#);
    check(200, &[], &admin(&key(USER, &["RIGHT_ALL"], None)), IOTBRIDGE, r#"ok access=api_key entity=user:jo key=ZXPW62GW… name="my key" granted=98 expiry=never key_id=match org=MISMATCH admin warn=user_key,admin_key"#);
    check(200, &[], &key(APP, &["RIGHT_APPLICATION_ALL"], None), IOTBRIDGE, r#"wrong_entity also=missing_rights access=api_key entity=application:my-app key=ZXPW62GW… name="my key" granted=16 missing=RIGHT_ORGANIZATION_APPLICATIONS_LIST,RIGHT_ORGANIZATION_APPLICATIONS_CREATE expiry=never key_id=match org=MISMATCH"#);
    check(200, &[], &key(DEVICE, &["RIGHT_APPLICATION_DEVICES_READ"], None), NOTHING, r#"wrong_entity access=api_key entity=device:dev1 key=ZXPW62GW… name="my key" granted=1 expiry=never"#);
    check(200, &[], &key(GATEWAY, &["RIGHT_GATEWAY_INFO"], None), NOTHING, r#"wrong_entity access=api_key entity=gateway:gw-1 key=ZXPW62GW… name="my key" granted=1 expiry=never"#);
    check(200, &[], &key(CLIENT, &["RIGHT_CLIENT_ALL"], None), NOTHING, r#"wrong_entity access=api_key entity=client:my-client key=ZXPW62GW… name="my key" granted=5 expiry=never"#);
    check(200, &[], &key("{}", IOTBRIDGE_PROFILE, None), NOTHING, r#"unexpected_response access=api_key key=ZXPW62GW… name="my key" granted=8 expiry=never"#);
}

#[test]
#[rustfmt::skip]
fn expiry() {
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("2024-09-09T00:00:00Z")), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expires=100d key_id=match org=match"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("2024-07-01T00:00:00Z")), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expires=30d key_id=match org=match"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("2024-06-11T00:00:00.5Z")), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expires=10d key_id=match org=match warn=expires_soon"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("2024-06-01T12:00:00+02:00")), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expires=0d key_id=match org=match warn=expires_soon"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("2024-06-01T00:00:00Z")), IOTBRIDGE, r#"api_key_expired access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=expired key_id=match org=match"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("2023-11-23T00:00:00Z")), IOTBRIDGE, r#"api_key_expired access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=expired key_id=match org=match"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("next week")), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=unreadable key_id=match org=match"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, Some("")), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
}

#[test]
#[rustfmt::skip]
fn other_access_methods() {
    check(200, &[], "{}", IOTBRIDGE, "anonymous access=anonymous");
    check(200, &[], " {}\n", NOTHING, "anonymous access=anonymous");
    check(200, &[], r#"{"oauth_access_token":{"user_ids":{"user_id":"jo"},"user_session_id":"abc","client_ids":{"client_id":"console"},"id":"T1","rights":["RIGHT_ALL"],"created_at":"2024-06-01T00:00:00Z","expires_at":"2024-06-01T01:00:00Z"}}"#, IOTBRIDGE, "oauth_access_token access=oauth_access_token entity=user:jo granted=98 expires=0d warn=expires_soon");
    check(200, &[], r#"{"user_session":{"user_ids":{"user_id":"jo"},"session_id":"s1","created_at":"2024-05-01T00:00:00Z","expires_at":"2024-07-01T00:00:00Z"}}"#, IOTBRIDGE, "user_session access=user_session entity=user:jo expires=30d");
    check(200, &[], r#"{"gateway_token":{"gateway_ids":{"gateway_id":"gw-1"},"rights":["RIGHT_GATEWAY_LINK"]}}"#, IOTBRIDGE, "gateway_token access=gateway_token entity=gateway:gw-1 granted=2");
    check(200, &[], r#"{"universal_rights":{"rights":["RIGHT_ALL"]}}"#, IOTBRIDGE, "unexpected_response access=cluster_key");
}

#[test]
#[rustfmt::skip]
fn tts_errors() {
    check(401, &[], &tts_error(16, "pkg/identityserver:api_key_expired", "api key expired", "{}"), IOTBRIDGE, "api_key_expired expiry=expired error=pkg/identityserver:api_key_expired uid=- cid=7d4a");
    check(401, &[], API_KEY_NOT_FOUND, IOTBRIDGE, "api_key_not_found error=pkg/identityserver:api_key_not_found uid=- cid=0c1e");
    check(401, &[], &tts_error(16, "pkg/identityserver:invalid_authorization", "invalid authorization", "{}"), IOTBRIDGE, "invalid_authorization error=pkg/identityserver:invalid_authorization uid=- cid=7d4a");
    check(400, &[], &tts_error(3, "pkg/auth:token", "invalid token", "{}"), IOTBRIDGE, "malformed_token error=pkg/auth:token uid=- cid=7d4a");
    check(401, &[], &tts_error(16, "pkg/identityserver:unsupported_authorization", "unsupported authorization method", "{}"), IOTBRIDGE, "unsupported_authorization error=pkg/identityserver:unsupported_authorization uid=- cid=7d4a");
    check(401, &[], &tts_error(16, "pkg/identityserver:token_not_found", "token not found", "{}"), IOTBRIDGE, "token_not_found error=pkg/identityserver:token_not_found uid=- cid=7d4a");
    check(401, &[], &tts_error(16, "pkg/identityserver:token_expired", "token expired", "{}"), IOTBRIDGE, "token_expired error=pkg/identityserver:token_expired uid=- cid=7d4a");
    check(401, &[], &tts_error(16, "pkg/identityserver:unauthenticated", "unauthenticated", "{}"), IOTBRIDGE, "unauthenticated error=pkg/identityserver:unauthenticated uid=- cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/auth/rights:no_organization_rights", "no rights for organization `{uid}`", r#"{"uid":"my-org@ttn"}"#), IOTBRIDGE, "no_rights error=pkg/auth/rights:no_organization_rights uid=my-org@ttn cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/auth/rights:no_application_rights", "no rights for application `{uid}`", r#"{"uid":"my-app@ttn"}"#), IOTBRIDGE, "no_rights error=pkg/auth/rights:no_application_rights uid=my-app@ttn cid=7d4a");
    check(403, &[], DOCS_EXAMPLE, IOTBRIDGE, "no_rights error=pkg/auth/rights:no_user_rights uid=admin@thethings cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/auth/rights:insufficient_organization_rights", "insufficient rights for organization `{uid}`", r#"{"uid":"my-org@ttn","missing":["RIGHT_ORGANIZATION_APPLICATIONS_LIST"]}"#), IOTBRIDGE, "insufficient_rights missing=RIGHT_ORGANIZATION_APPLICATIONS_LIST error=pkg/auth/rights:insufficient_organization_rights uid=my-org@ttn cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/auth/rights:insufficient_application_rights", "insufficient rights for application `{uid}`", r#"{"uid":"my-app@ttn","missing":[21, "RIGHT_APPLICATION_DEVICES_WRITE", "bad name!", "APPLICATION_INFO"]}"#), IOTBRIDGE, "insufficient_rights missing=RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_INFO error=pkg/auth/rights:insufficient_application_rights uid=my-app@ttn cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/identityserver:insufficient_rights", "insufficient rights", r#"{"missing":"RIGHT_APPLICATION_INFO, RIGHT_APPLICATION_DEVICES_READ"}"#), IOTBRIDGE, "insufficient_rights missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_DEVICES_READ error=pkg/identityserver:insufficient_rights uid=- cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/identityserver:user_suspended", "user account was suspended", "{}"), IOTBRIDGE, "user_suspended error=pkg/identityserver:user_suspended uid=- cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/identityserver:user_rejected", "user account was rejected", "{}"), IOTBRIDGE, "user_rejected error=pkg/identityserver:user_rejected uid=- cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/identityserver:user_requested", "user account approval is pending", "{}"), IOTBRIDGE, "user_requested error=pkg/identityserver:user_requested uid=- cid=7d4a");
    check(400, &[], &tts_error(3, "pkg/errors:validation", "invalid `{field}`: {reason}", r#"{"field":"organization_id","reason":"does not match regex"}"#), IOTBRIDGE, "validation error=pkg/errors:validation uid=- cid=7d4a");
    check(400, &[], &tts_error(3, "pkg/rpcmiddleware/validator:field_mask_paths", "forbidden path(s) in field mask", r#"{"forbidden_paths":["x"]}"#), IOTBRIDGE, "validation error=pkg/rpcmiddleware/validator:field_mask_paths uid=- cid=7d4a");
    check(404, &[], &tts_error(5, "pkg/webhandlers:route_not_found", "route `{route}` not found", r#"{"route":"/api/v3/auth_inf"}"#), IOTBRIDGE, "not_found error=pkg/webhandlers:route_not_found uid=- cid=7d4a");
}

#[test]
#[rustfmt::skip]
fn rate_limits() {
    let body = tts_error(8, "pkg/ratelimit:rate_limit_exceeded", "rate limit of `{rate}` accesses per minute exceeded for resource `{key}`", r#"{"key":"auth_info","rate":10}"#);
    check(429, &[("X-Rate-Limit-Limit", "10"), ("X-Rate-Limit-Available", "0"), ("X-Rate-Limit-Reset", "42"), ("X-Rate-Limit-Retry", "12")], &body, IOTBRIDGE, "rate_limit_exceeded retry=12s error=pkg/ratelimit:rate_limit_exceeded uid=- cid=7d4a");
    check(429, &[("x-rate-limit-retry", " 7 ")], &body, IOTBRIDGE, "rate_limit_exceeded retry=7s error=pkg/ratelimit:rate_limit_exceeded uid=- cid=7d4a");
    check(429, &[], &body, IOTBRIDGE, "rate_limit_exceeded error=pkg/ratelimit:rate_limit_exceeded uid=- cid=7d4a");
    check(429, &[("Retry-After", "30")], "Too Many Requests", IOTBRIDGE, "rate_limit_exceeded retry=30s");
    check(429, &[("X-Rate-Limit-Retry", "soon")], "", IOTBRIDGE, "rate_limit_exceeded");
    // Once a limiter applies, every answer carries the headers; a success has no retry time.
    check(200, &[("X-Rate-Limit-Limit", "3"), ("X-Rate-Limit-Available", "2"), ("X-Rate-Limit-Reset", "20"), ("X-Rate-Limit-Retry", "0")], &key(ORG, IOTBRIDGE_PROFILE, None), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
}

#[test]
#[rustfmt::skip]
fn rate_limit_headers() {
    type Read = (Option<u64>, Option<u64>, Option<u64>);
    #[track_caller]
    fn check_rate(headers: &[(&str, &str)], expect: Read, wait: u64) {
        let rate = RateLimit::read(headers);
        assert_eq!((rate.available, rate.reset_seconds, rate.retry_seconds), expect, "{headers:?}");
        assert_eq!(rate.wait_seconds(), wait, "wait for {headers:?}");
    }
    check_rate(&[], (None, None, None), 0);
    check_rate(&[("X-Rate-Limit-Limit", "10"), ("X-Rate-Limit-Available", "0"), ("X-Rate-Limit-Reset", "42"), ("X-Rate-Limit-Retry", "12")], (Some(0), Some(42), Some(12)), 12);
    check_rate(&[("x-rate-limit-available", "0"), ("x-rate-limit-reset", "42")], (Some(0), Some(42), None), 42);
    check_rate(&[("X-Rate-Limit-Available", "0")], (Some(0), None, None), 1);
    check_rate(&[("X-Rate-Limit-Limit", "3"), ("X-Rate-Limit-Available", "2"), ("X-Rate-Limit-Reset", "20"), ("X-Rate-Limit-Retry", "0")], (Some(2), Some(20), Some(0)), 0);
    check_rate(&[("X-Rate-Limit-Retry", " 7 ")], (None, None, Some(7)), 7);
    check_rate(&[("X-Rate-Limit-Retry", "3"), ("x-rate-limit-retry", "8")], (None, None, Some(3)), 3);
    // A proxy's Retry-After counts only without X-Rate-Limit-Retry, and only as seconds.
    check_rate(&[("Retry-After", "30")], (None, None, Some(30)), 30);
    check_rate(&[("X-Rate-Limit-Retry", "soon"), ("Retry-After", "30")], (None, None, None), 0);
    check_rate(&[("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")], (None, None, None), 0);
    check_rate(&[("X-Rate-Limit-Retry", "-5"), ("X-Rate-Limit-Available", "0"), ("X-Rate-Limit-Reset", "9")], (Some(0), Some(9), None), 9);
}

#[test]
#[rustfmt::skip]
fn broken_answers() {
    check(500, &[], &tts_error(13, "pkg/identityserver/store:database", "database error", "{}"), IOTBRIDGE, "server_error error=pkg/identityserver/store:database uid=- cid=7d4a");
    check(502, &[("Content-Type", "text/html")], HTML_502, IOTBRIDGE, "server_error");
    check(503, &[], "", IOTBRIDGE, "server_error");
    check(200, &[("Content-Type", "text/html")], "<!doctype html><title>The Things Stack</title>", IOTBRIDGE, "not_json");
    check(200, &[], "", IOTBRIDGE, "not_json");
    check(200, &[], r#"{"api_key":"#, IOTBRIDGE, "not_json");
    check(200, &[], "[]", IOTBRIDGE, "unexpected_response");
    check(200, &[], r#""ok""#, IOTBRIDGE, "unexpected_response");
    check(200, &[], r#"{"api_key":[1,2]}"#, IOTBRIDGE, "unexpected_response");
    check(404, &[], r#"{"code":5,"message":"Not Found"}"#, IOTBRIDGE, "not_found error=-:- uid=- cid=-");
    check(404, &[], "<html>Not Found</html>", IOTBRIDGE, "not_found");
    check(401, &[], "", IOTBRIDGE, "unauthenticated");
    check(400, &[], r#"{"code":3,"message":"error:pkg/auth:token (invalid token)"}"#, IOTBRIDGE, "malformed_token error=pkg/auth:token uid=- cid=-");
    check(403, &[], &tts_error(7, "pkg/enterprise:new_thing", "new thing", "{}"), IOTBRIDGE, "no_rights error=pkg/enterprise:new_thing uid=- cid=7d4a");
    check(418, &[], &tts_error(2, "pkg/teapot:brewing", "brewing", "{}"), IOTBRIDGE, "unknown_error error=pkg/teapot:brewing uid=- cid=7d4a");
    check(400, &[], "bad request", IOTBRIDGE, "not_json");
    check(302, &[], "", IOTBRIDGE, "unexpected_response");
}

/// A member given more than once counts with its last value, the one rule of
/// `json::Json::get` (JavaScript's `JSON.parse` reads it so too).
#[test]
#[rustfmt::skip]
fn duplicate_members_count_with_their_last_value() {
    let twice = |body: &str, member: &str, first: &str| body.replacen(&format!("\"{member}\":"), &format!("\"{member}\":{first},\"{member}\":"), 1);
    let org_key = key(ORG, IOTBRIDGE_PROFILE, None);
    check(200, &[], &twice(&org_key, "entity_ids", USER), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &twice(&key(USER, IOTBRIDGE_PROFILE, None), "entity_ids", ORG), NOTHING, r#"ok access=api_key entity=user:jo key=ZXPW62GW… name="my key" granted=8 expiry=never warn=user_key"#);
    check(200, &[], &twice(&org_key, "rights", "[]"), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &twice(&key(ORG, &[], None), "rights", &format!("[\"{}\"]", IOTBRIDGE_PROFILE[0])), IOTBRIDGE, r#"missing_rights access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_SETTINGS_BASIC,RIGHT_APPLICATION_DEVICES_READ,RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_DEVICES_READ_KEYS,RIGHT_APPLICATION_DEVICES_WRITE_KEYS,RIGHT_ORGANIZATION_APPLICATIONS_LIST,RIGHT_ORGANIZATION_APPLICATIONS_CREATE expiry=never key_id=match org=match"#);
    check(200, &[], &twice(&org_key, "id", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\""), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &twice(&org_key, "api_key", "{}"), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &twice(&org_key, "api_key", "[]"), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &format!(r#"{{"api_key":{},"api_key":{{}}}}"#, &org_key[11..org_key.len() - 1]), IOTBRIDGE, r#"unexpected_response also=missing_rights,key_id_mismatch access=api_key missing=RIGHT_APPLICATION_INFO,RIGHT_APPLICATION_SETTINGS_BASIC,RIGHT_APPLICATION_DEVICES_READ,RIGHT_APPLICATION_DEVICES_WRITE,RIGHT_APPLICATION_DEVICES_READ_KEYS,RIGHT_APPLICATION_DEVICES_WRITE_KEYS,RIGHT_ORGANIZATION_APPLICATIONS_LIST,RIGHT_ORGANIZATION_APPLICATIONS_CREATE expiry=never key_id=MISMATCH org=MISMATCH"#);
    check(200, &[], &org_key.replacen('{', r#"{"is_admin":true,"is_admin":false,"#, 1), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match"#);
    check(200, &[], &org_key.replacen('{', r#"{"is_admin":false,"is_admin":true,"#, 1), IOTBRIDGE, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=match admin warn=admin_key"#);
    check(401, &[], &twice(API_KEY_NOT_FOUND, "details", "[]"), IOTBRIDGE, "api_key_not_found error=pkg/identityserver:api_key_not_found uid=- cid=0c1e");
    check(401, &[], &twice(API_KEY_NOT_FOUND, "name", "\"api_key_expired\""), IOTBRIDGE, "api_key_not_found error=pkg/identityserver:api_key_not_found uid=- cid=0c1e");
    check(403, &[], &tts_error(7, "pkg/auth/rights:insufficient_organization_rights", "insufficient rights for organization `{uid}`", r#"{"missing":["RIGHT_APPLICATION_INFO"],"uid":"x@ttn","missing":["RIGHT_APPLICATION_DEVICES_READ"],"uid":"my-org@ttn"}"#), IOTBRIDGE, "insufficient_rights missing=RIGHT_APPLICATION_DEVICES_READ error=pkg/auth/rights:insufficient_organization_rights uid=my-org@ttn cid=7d4a");
}

/// A server may send any number of right names: 100 000 of them (50 000 names, each twice,
/// in a body of more than 1 MB) are each kept once, in the order they first appear.
#[test]
fn many_right_names_are_each_kept_once() {
    let name = |i: usize| format!("RIGHT_NEW_{}", if i < 50_000 { i } else { 99_999 - i });
    let quoted: Vec<String> = (0..100_000).map(|i| format!("\"{}\"", name(i))).collect();
    let expect: Vec<String> = (0..50_000).map(name).collect();

    let attributes = format!(r#"{{"uid":"my-org@ttn","missing":[{}]}}"#, quoted.join(","));
    let body = tts_error(
        7,
        "pkg/auth/rights:insufficient_organization_rights",
        "insufficient rights for organization `{uid}`",
        &attributes,
    );
    assert!(body.len() > 1_000_000, "{} bytes", body.len());
    let response = Response {
        status: 403,
        headers: &[],
        body: &body,
    };
    let found = report::report(&response, &IOTBRIDGE, NOW);
    assert_eq!(found.outcome, Outcome::InsufficientRights);
    assert!(
        found.missing == expect,
        "{} missing, from {:?}",
        found.missing.len(),
        found.missing.first()
    );

    let names: Vec<String> = (0..100_000).map(name).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let body = key(ORG, &names, None);
    let response = Response {
        status: 200,
        headers: &[],
        body: &body,
    };
    let found = report::report(&response, &NOTHING, NOW);
    assert_eq!(found.outcome, Outcome::Ok);
    let mut sorted = expect;
    sorted.sort();
    assert!(
        found.granted == sorted,
        "{} granted, from {:?}",
        found.granted.len(),
        found.granted.first()
    );
}

/// Every error name the outcome table knows is an error of The Things Stack: it is in
/// lorawan-stack's `config/messages.json` (`reference/tts/messages.json`), and a body
/// naming it, with its upstream message format, gets the outcome of the table.
#[test]
#[rustfmt::skip]
fn error_names_of_the_outcome_table_are_upstream_errors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/reference/tts/messages.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let catalogue: serde_json::Value = serde_json::from_str(&text).unwrap();
    let check_name = |error: &str, expect: &str| {
        let id = format!("error:{error}");
        let format = catalogue[&id]["translations"]["en"].as_str().unwrap_or_else(|| panic!("{id} is not in messages.json"));
        let body = tts_error(16, error, format, "{}");
        let response = Response { status: 400, headers: &[], body: &body };
        assert_eq!(report::report(&response, &IOTBRIDGE, NOW).outcome.code(), expect, "{id}");
    };
    check_name("pkg/identityserver:api_key_not_found", "api_key_not_found");
    check_name("pkg/identityserver:invalid_authorization", "invalid_authorization");
    check_name("pkg/identityserver:api_key_expired", "api_key_expired");
    check_name("pkg/auth:token", "malformed_token");
    check_name("pkg/identityserver:unsupported_authorization", "unsupported_authorization");
    check_name("pkg/identityserver:token_not_found", "token_not_found");
    check_name("pkg/identityserver:token_expired", "token_expired");
    check_name("pkg/identityserver:unauthenticated", "unauthenticated");
    check_name("pkg/auth/rights:unauthenticated", "unauthenticated");
    check_name("pkg/identityserver:user_suspended", "user_suspended");
    check_name("pkg/identityserver:user_rejected", "user_rejected");
    check_name("pkg/identityserver:user_requested", "user_requested");
    check_name("pkg/ratelimit:rate_limit_exceeded", "rate_limit_exceeded");
    check_name("pkg/errors:validation", "validation");
    check_name("pkg/rpcmiddleware/validator:field_mask_paths", "validation");
    check_name("pkg/webhandlers:route_not_found", "not_found");
    check_name("pkg/identityserver:insufficient_rights", "insufficient_rights");
    for entity in ["application", "client", "gateway", "organization", "universal", "user"] {
        check_name(&format!("pkg/auth/rights:insufficient_{entity}_rights"), "insufficient_rights");
        check_name(&format!("pkg/auth/rights:no_{entity}_rights"), "no_rights");
    }
}

#[test]
#[rustfmt::skip]
fn untrusted_text_is_cleaned() {
    check(200, &[("X-Warning", "leaked NNSXS.ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI.LQD7")], &key(ORG, IOTBRIDGE_PROFILE, None), NOTHING, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never"#);
    check(200, &[("X-Warning", "line\u{7}one\r\n")], &key(ORG, IOTBRIDGE_PROFILE, None), NOTHING, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=8 expiry=never warn=server_warning x-warning="lineone""#);
    check(200, &[("X-Warning", "a"), ("x-warning", "b")], "{}", NOTHING, r#"anonymous access=anonymous warn=server_warning x-warning="a" x-warning="b""#);
    check(200, &[], &key(ORG, &["RIGHT_APPLICATION_INFO", "<script>", "RIGHT_FUTURE"], None), NOTHING, r#"ok access=api_key entity=organization:my-org key=ZXPW62GW… name="my key" granted=2 expiry=never"#);
    check(200, &[], &key(r#"{"organization_ids":{"organization_id":"<b>MY ORG</b>"}}"#, IOTBRIDGE_PROFILE, None), IOTBRIDGE, r#"wrong_organization access=api_key entity=organization:? key=ZXPW62GW… name="my key" granted=8 expiry=never key_id=match org=MISMATCH"#);
    check(200, &[], &key(ORG, IOTBRIDGE_PROFILE, None).replace(KEY_ID, "not-a-key-id").replace("my key", "key NNSXS.ABC"), NOTHING, "ok access=api_key entity=organization:my-org granted=8 expiry=never");
    check(403, &[], &tts_error(7, "pkg/auth/rights:no_organization_rights", "no rights for organization `{uid}`", r#"{"uid":"<img src=x>"}"#), IOTBRIDGE, "no_rights error=pkg/auth/rights:no_organization_rights uid=- cid=7d4a");
    check(403, &[], &tts_error(7, "pkg/auth/rights:no_organization_rights", "x", "{}").replace("no_organization_rights", "No Rights <b>"), IOTBRIDGE, "no_rights error=pkg/auth/rights:- uid=- cid=7d4a");
}

#[test]
fn serialized_shape() {
    let body = key(ORG, IOTBRIDGE_PROFILE, Some("2024-06-11T00:00:00Z"));
    let response = Response {
        status: 200,
        headers: &[],
        body: &body,
    };
    let report = report::report(&response, &IOTBRIDGE, NOW);
    let json = serde_json::to_value(&report).unwrap();
    let expected = serde_json::json!({
        "outcome": {"code": "ok", "cause": "The key works and passed every check.", "fix": "Nothing to do."},
        "problems": [],
        "warnings": [{"code": "expires_soon", "message": "The key expires soon, and IotBridge stops working then. Create a key without an expiry date, or with a later one."}],
        "httpStatus": 200,
        "access": "api_key",
        "entity": {"kind": "organization", "id": "my-org"},
        "keyId": KEY_ID,
        "keyName": "my key",
        "granted": IOTBRIDGE_PROFILE,
        "missing": [],
        "expiry": {"state": "expires", "days": 10},
        "expiresAt": "2024-06-11T00:00:00Z",
        "keyIdMatches": true,
        "organizationMatches": true,
        "isAdmin": false,
        "serverWarnings": [],
        "retryAfterSeconds": null,
        "error": null,
    });
    assert_eq!(json, expected);
    let expired = serde_json::to_value(Expiry::Expired).unwrap();
    assert_eq!(expired, serde_json::json!({"state": "expired"}));
}

#[test]
#[rustfmt::skip]
fn outcome_messages() {
    #[track_caller]
    fn check_outcome(outcome: Outcome, code: &str, cause: &str, fix: &str) {
        assert_eq!((outcome.code(), outcome.cause(), outcome.fix()), (code, cause, fix));
    }
    use Outcome::*;
    check_outcome(Ok, "ok", "The key works and passed every check.", "Nothing to do.");
    check_outcome(Anonymous, "anonymous", "The server did not recognise a key in the request and answered as for an anonymous visitor.", "Send the key in the Authorization header as the word Bearer, a space, and the key. Without the space the server ignores the key.");
    check_outcome(OAuthAccessToken, "oauth_access_token", "This is an OAuth access token, not an API key. It expires within hours.", "Create an API key in the Console: open your organization, then API keys, then Add API key.");
    check_outcome(UserSession, "user_session", "The request was signed in with a Console login session, not with an API key.", "Create an API key in the Console: open your organization, then API keys, then Add API key.");
    check_outcome(GatewayToken, "gateway_token", "This is a gateway token, not an API key.", "Create an API key in the Console: open your organization, then API keys, then Add API key.");
    check_outcome(WrongEntity, "wrong_entity", "This API key belongs to an application or a gateway, not to an organization.", "Create the key under the organization instead: open the organization in the Console, then API keys, then Add API key.");
    check_outcome(WrongOrganization, "wrong_organization", "This API key belongs to a different organization than the Organization Id you entered.", "Enter the organization the key belongs to (shown in this report), or create a key under the organization you entered.");
    check_outcome(MissingRights, "missing_rights", "The key lacks rights that are needed; they are listed as missing.", "In the Console, open the organization, then API keys, select this key, tick the missing rights and save. Or create a new key with them.");
    check_outcome(KeyIdMismatch, "key_id_mismatch", "The Key Id you entered is not the ID of this key.", "Enter this key's ID, shown in this report and in the Console's list of API keys. It is the part of the key between the two dots.");
    check_outcome(ApiKeyExpired, "api_key_expired", "The key has expired.", "Create a new key without an expiry date, or with a later one, and enter it here.");
    check_outcome(ApiKeyNotFound, "api_key_not_found", "The server has no key with this Key ID: the key was deleted, or it was created on another server or cluster.", "Check that the server address is where you created the key (The Things Network and The Things Stack Cloud are separate). Otherwise create a new key.");
    check_outcome(InvalidAuthorization, "invalid_authorization", "The server knows this Key ID, but the rest of the key does not match it: part of the key was changed or lost while copying.", "Copy the whole key again from where you saved it. If you no longer have it, create a new key: the Console shows a key only once.");
    check_outcome(MalformedToken, "malformed_token", "The server could not read the key: an API key starts with NNSXS and has three parts separated by dots.", "Paste the whole API key exactly as the Console showed it.");
    check_outcome(UnsupportedAuthorization, "unsupported_authorization", "The Authorization header uses a method other than Bearer.", "Send the key in the Authorization header as the word Bearer, a space, and the key.");
    check_outcome(TokenNotFound, "token_not_found", "The server does not know this OAuth or session token: it was revoked, or it belongs to another server.", "Use an organization API key instead: open the organization in the Console, then API keys, then Add API key.");
    check_outcome(TokenExpired, "token_expired", "This OAuth or session token has expired.", "Use an organization API key instead: open the organization in the Console, then API keys, then Add API key.");
    check_outcome(Unauthenticated, "unauthenticated", "The server saw no key in the request.", "Send the key in the Authorization header as the word Bearer, a space, and the key.");
    check_outcome(NoRights, "no_rights", "The key has no rights on the requested organization or entity, or that entity does not exist.", "Check the ID you entered, and that the key was created under that organization.");
    check_outcome(InsufficientRights, "insufficient_rights", "The key has some rights on the entity, but not all that this request needs; the missing ones are listed.", "Add the missing rights to the key in the Console (organization, API keys, this key), or create a new key with them.");
    check_outcome(UserSuspended, "user_suspended", "The account this key belongs to is suspended, so its keys do not work.", "Contact the administrator of the server.");
    check_outcome(UserRejected, "user_rejected", "The registration of the account this key belongs to was rejected, so its keys do not work.", "Contact the administrator of the server.");
    check_outcome(UserRequested, "user_requested", "The account this key belongs to is still waiting for an administrator's approval.", "Wait for the approval, then try again.");
    check_outcome(RateLimitExceeded, "rate_limit_exceeded", "The server received too many requests and asks to slow down.", "Wait before trying again: the number of seconds shown, or a minute if none is shown.");
    check_outcome(Validation, "validation", "The server rejected a value in the request as invalid.", "Check the IDs you entered: lower-case letters, digits and single dashes only.");
    check_outcome(NotFound, "not_found", "The server has no such address: the server URL is wrong, or the ID in it does not exist.", "Use the Identity Server address of your deployment, on the eu1 cluster: https://eu1.cloud.thethings.network for The Things Network, or your tenant's address on eu1.cloud.thethings.industries for The Things Stack Cloud.");
    check_outcome(ServerError, "server_error", "The server had an internal problem or is unavailable. This says nothing about the key.", "Try again in a few minutes.");
    check_outcome(NotJson, "not_json", "The answer is not from The Things Stack API: it is not JSON (for example an HTML page from a proxy or a login page).", "Check the server address. Use your deployment's eu1 address, such as https://eu1.cloud.thethings.network.");
    check_outcome(UnexpectedResponse, "unexpected_response", "The server's answer does not have the expected form.", "Check the server address. If it is right, try again later.");
    check_outcome(UnknownError, "unknown_error", "The server refused the request with an error this check does not know.", "Try again. If it persists, give the error name and correlation ID shown here when you ask for support.");
    assert_eq!(Outcome::ALL.len(), 29, "every outcome has a line above");
}

#[test]
#[rustfmt::skip]
fn warning_messages() {
    #[track_caller]
    fn check_warning(warning: Warning, code: &str, message: &str) {
        assert_eq!((warning.code(), warning.message()), (code, message));
    }
    use Warning::*;
    check_warning(UserKey, "user_key", "This is a personal (user) API key. IotBridge expects an organization API key, which keeps working when people leave. Create one: open the organization in the Console, then API keys, then Add API key.");
    check_warning(AdminKey, "admin_key", "This key belongs to an administrator and can reach every organization on the server. Give IotBridge an organization key with only the rights it needs.");
    check_warning(ExpiresSoon, "expires_soon", "The key expires soon, and IotBridge stops working then. Create a key without an expiry date, or with a later one.");
    check_warning(ServerWarning, "server_warning", "The server sent a warning with its answer (shown below). For a personal key this usually means the account is pending or its e-mail address is not validated, which restricts the key's rights.");
    check_warning(OrganizationAllOnly, "organization_all_only", "The key has all organization rights, but those do not include the organization's applications and devices. Add the application rights as well.");
    assert_eq!(Warning::ALL.len(), 5, "every warning has a line above");
}

#[test]
fn codes_are_unique_snake_case() {
    let mut codes: Vec<&str> = Outcome::ALL
        .iter()
        .map(|o| o.code())
        .chain(Warning::ALL.iter().map(|w| w.code()))
        .collect();
    for code in &codes {
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code}"
        );
    }
    let n_codes = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), n_codes);
}

#[test]
#[rustfmt::skip]
fn rfc3339() {
    #[track_caller]
    fn check_time(text: &str, expect: Option<i64>) {
        assert_eq!(parse_rfc3339(text), expect, "parse_rfc3339({text:?})");
    }
    check_time("1970-01-01T00:00:00Z", Some(0));
    check_time("2024-06-01T00:00:00Z", Some(NOW));
    check_time("2024-11-23T00:00:00Z", Some(1_732_320_000));
    check_time("2023-11-22T15:50:02.883333Z", Some(1_700_668_202));
    check_time("2023-11-22t15:50:02z", Some(1_700_668_202));
    check_time("2023-11-22 15:50:02Z", Some(1_700_668_202));
    check_time("2024-06-01T02:00:00+02:00", Some(NOW));
    check_time("2024-05-31T19:30:00-04:30", Some(NOW));
    check_time("2000-02-29T00:00:00Z", Some(951_782_400));
    check_time("1969-12-31T23:59:59Z", Some(-1));
    check_time("2016-12-31T23:59:60Z", Some(1_483_228_800));
    check_time("9999-12-31T23:59:59Z", Some(253_402_300_799));
    check_time("2023-02-29T00:00:00Z", None);
    check_time("1900-02-29T00:00:00Z", None);
    check_time("2024-13-01T00:00:00Z", None);
    check_time("2024-00-01T00:00:00Z", None);
    check_time("2024-04-31T00:00:00Z", None);
    check_time("2024-06-01T24:00:00Z", None);
    check_time("2024-06-01T00:60:00Z", None);
    check_time("2024-06-01T00:00:00", None);
    check_time("2024-06-01T00:00:00.Z", None);
    check_time("2024-06-01T00:00:00+0200", None);
    check_time("2024-06-01T00:00:00+24:00", None);
    check_time("2024-06-01", None);
    check_time("2024-06-01T00:00:00Zjunk", None);
    check_time("+024-06-01T00:00:00Z", None);
    check_time("２024-06-01T00:00:00Z", None);
    check_time("", None);
}

#[test]
#[rustfmt::skip]
fn civil_days() {
    #[track_caller]
    fn check_days(year: i64, month: u32, day: u32, expect: i64) {
        assert_eq!(days_from_civil(year, month, day), expect, "days_from_civil({year}, {month}, {day})");
    }
    check_days(1970, 1, 1, 0);
    check_days(1970, 1, 2, 1);
    check_days(1969, 12, 31, -1);
    check_days(1970, 3, 1, 59);
    check_days(2000, 1, 1, 10_957);
    check_days(2000, 2, 29, 11_016);
    check_days(2000, 3, 1, 11_017);
    check_days(2024, 6, 1, 19_875);
    check_days(1900, 3, 1, -25_508);
    check_days(1600, 1, 1, -135_140);
    check_days(0, 1, 1, -719_528);
    check_days(-1, 12, 31, -719_529);
}

#[test]
fn civil_days_are_consecutive() {
    let mut expected = days_from_civil(1899, 12, 31);
    for year in 1900..=2100 {
        for month in 1..=12u32 {
            let n_days = match month {
                2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            for day in 1..=n_days {
                expected += 1;
                assert_eq!(
                    days_from_civil(year, month, day),
                    expected,
                    "{year}-{month}-{day}"
                );
            }
        }
    }
}

#[test]
fn autotraits() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Report>();
    assert_send_sync::<Response<'static>>();
    assert_send_sync::<Expectations<'static>>();
}

#[test]
fn expectations_debug_hides_the_key_id_field() {
    let pasted_by_mistake = Expectations {
        key_id: Some(FULL_KEY),
        ..IOTBRIDGE
    };
    let debug = format!("{pasted_by_mistake:?}");
    assert!(!debug.contains("NNSXS"), "{debug}");
    assert!(debug.contains("[REDACTED]"), "{debug}");
}
