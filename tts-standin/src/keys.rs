//! The demo key table and the stand-in's API key store.
//!
//! Every key has the real format (`reference/tts/NOTES.md` §1):
//! `NNSXS.<39-char id>.<52-char secret>`, 98 characters of unpadded RFC 4648 base32.
//! They were derived once, deterministically, from their labels: the ID is the base32 of
//! the first 24 bytes of `SHA-256("tts-standin:<label>:id")` and the secret that of the
//! first 32 bytes of `SHA-256("tts-standin:<label>:secret")`. So the last ID character is
//! one of `A I Q Y` and the last secret character `A` or `Q`, as with keys TTS makes. The
//! keys are public test data and grant nothing anywhere.

use crate::dates;
use std::fmt;

const ORG_OK: &str = "NNSXS.RI5LQKMVZFBV6XJGXF2Q3XB652K5NTGKQOI6IEY.2GWMQDGOOWL6RFDUHDK3RW3REYLWUT3PL3FXECDU7OPX3ZYTAYYA";
const ORG_READ_ONLY: &str = "NNSXS.INABA57VTNNTDUNOZCJD7OKUQ6TQQRUNIO56KEY.EIWWWRR3RQMLYBGDWQ6PPOIPSGZOQ3ARKZGZBFKFEBPOMCES3S3A";
const ORG_MISSING_RIGHTS: &str = "NNSXS.AVTXVRIMKSGSNRMYXHX5WHU6LVTUX3ZVA6N6RPI.BA3AHZKRO5BVURSCYQKWRYRAYVO3H34YJT47Q3UO5BJWR2MLY2VA";
const USER_OK: &str = "NNSXS.YG3QDKJKVAQYW23VXU4BVZRZUQGWSR7Q2OHKTNA.NSZ57VG4NTMJ6KIHY7HG3OMJ7EKMFCCJOJSM56SIOVBNPBF25DWA";
const EXPIRED: &str = "NNSXS.E5PZGT7KLVQD66YZXEQB4THOY2V3EHMY5CAIDHI.HNK7QBYCA3IVM6GYAQYDIKET7ZTCLU3F74CIRWO2W77N2HKJNNBA";
const UNKNOWN_ID: &str = "NNSXS.BEWLHJ4BKQ53AV7CSSMBBVTAX27XFZJKIZBYVOA.VIGOGGDR7BO4D6MBPF7DA6762B6OATR42M7CTO6ETQXOGCF54WQQ";
// Invariant: the ID of ORG_OK with the secret derived from the label `wrong-secret`.
const WRONG_SECRET: &str = "NNSXS.RI5LQKMVZFBV6XJGXF2Q3XB652K5NTGKQOI6IEY.6CQTFJIRSSZG5KRP4OXI4SO4UPVMJIH72MEU6YRYYLRGIDNKNI2Q";
const RATE_LIMITED: &str = "NNSXS.PJDHIR2SEZCZ2EWB4QUFAMVHKKUTUJYMQZC6ALI.YL5TB72CKORTXKGBN6MAZZL22KQ3FHZ3TMBTVB6X4OSD6HFH76CQ";
const FAULT_SLOW: &str = "NNSXS.BXZUGPFDAQGTGVDDT3MMTHVYLVVW66VUR5JTIXA.YWEQPWNAO2WOQQS6Y2NDCD5XFJX5D7ZCBEXMDTORIFD6KQAR4ACA";
const FAULT_500: &str = "NNSXS.SY4P4B6C2WKME333NDBRZMYOHWI43UVHCMUMCNA.PGIAL7HMESSIABLRQ3HRHWROHVIKDFKW52OI57J5NVOEJMYDBYFQ";
const FAULT_502: &str = "NNSXS.ON2Q7Q3Z7EHFCS2ANWTNPIJ2IJREOWG3RVWF2XY.NS7DRO2Z5RQ52COCXNLMQKBHG4N252Q6N3U6R5SSWUF3WSM3OTSA";
const FAULT_MALFORMED_JSON: &str = "NNSXS.YH56RQ4VP25KBLNMEKKEHTA42JZQOLFXNKDEU6I.R2PMEL3V26O3PJIYVZSH6YGSGGSO3TCFHHUHGXBIOMMIMPHISNAQ";
const FAULT_HUGE_BODY: &str = "NNSXS.STIPBW3ER5EWISN2OMPWAUPKM7WTSP5TE3MNHMI.E42MF6433E4IMJAJMFJO36BH6DPKINMHCF43WRD3LLNO2RJZ3OJA";
const FAULT_REDIRECT: &str = "NNSXS.TS63RBYNWGN4TYCIVPPLZKEKU4WGCBQB6QJ4NAI.IGJ7SSM2HSUEEQEMHDVKPTAOUGIQKWFE2YRDGKTTW5MJZDOONZSQ";
const FAULT_RESET: &str = "NNSXS.HSKUIFNW5GVAPQSAJ3ZVBYQR3ZZP3VMXV6ONKWQ.KWDSA3WKTNG475QXDMO4ZCKKSKTUXLKOYWKYGFKK5S4NNINR6GIQ";

/// One demo key: what to paste into the widget and what it should lead to.
///
/// `Debug` shows the key with its secret redacted, like every key type in this project.
#[derive(Clone, Copy)]
pub struct DemoKey {
    /// A short stable label, e.g. `org-ok`.
    pub name: &'static str,
    /// The full API key, `NNSXS.<id>.<secret>`.
    pub key: &'static str,
    /// The HTTP status of `GET /api/v3/auth_info` with this key (the first request for
    /// `rate-limited`, the eventual answer for `fault-slow`); 0 means no response at all.
    pub status: u16,
    /// The TTS error as `namespace:name` (`details[0]`), or `""` when the body is not a TTS error.
    pub error: &'static str,
    /// What the server does and what the widget should show.
    pub expect: &'static str,
}

impl fmt::Debug for DemoKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.key.split('.').nth(1).unwrap_or("");
        f.debug_struct("DemoKey")
            .field("name", &self.name)
            .field("key", &format_args!("NNSXS.{id}.[REDACTED]"))
            .field("status", &self.status)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// The demo keys, in the order the README lists them.
pub const DEMO_KEYS: &[DemoKey] = &[
    DemoKey {
        name: "org-ok",
        key: ORG_OK,
        status: 200,
        error: "",
        expect: "Organization key for `demo-org` with exactly the eight rights the guide tells IotBridge users to tick. The widget says the key is ready for IotBridge.",
    },
    DemoKey {
        name: "org-read-only",
        key: ORG_READ_ONLY,
        status: 200,
        error: "",
        expect: "Organization key for `demo-org` that can read applications, devices and traffic but not write them. The widget names the missing write rights.",
    },
    DemoKey {
        name: "org-missing-rights",
        key: ORG_MISSING_RIGHTS,
        status: 200,
        error: "",
        expect: "Organization key with only RIGHT_ORGANIZATION_ALL, which implies no application rights (13 organization rights once expanded). The widget names the missing application rights.",
    },
    DemoKey {
        name: "user-ok",
        key: USER_OK,
        status: 200,
        error: "",
        expect: "User key for `demo-user` with RIGHT_USER_ALL, no name, expiring in 2099. The widget says an organization key is needed.",
    },
    DemoKey {
        name: "expired",
        key: EXPIRED,
        status: 401,
        error: "pkg/identityserver:api_key_expired",
        expect: "Organization key that expired on 2024-01-01. The widget says the key has expired and a new one is needed.",
    },
    DemoKey {
        name: "unknown-id",
        key: UNKNOWN_ID,
        status: 401,
        error: "pkg/identityserver:api_key_not_found",
        expect: "Well-formed key whose ID is not in the store. The widget says the key does not exist here (deleted, or made on another cluster).",
    },
    DemoKey {
        name: "wrong-secret",
        key: WRONG_SECRET,
        status: 401,
        error: "pkg/identityserver:invalid_authorization",
        expect: "The ID of `org-ok` with another secret. The widget says the key is wrong (mistyped or cut short).",
    },
    DemoKey {
        name: "rate-limited",
        key: RATE_LIMITED,
        status: 200,
        error: "",
        expect: "Organization key like `org-ok`, limited to 3 requests a minute: 200 with X-Rate-Limit-* headers, then 429 pkg/ratelimit:rate_limit_exceeded. The widget says to retry after X-Rate-Limit-Retry seconds.",
    },
    DemoKey {
        name: "fault-slow",
        key: FAULT_SLOW,
        status: 200,
        error: "",
        expect: "Answers like `org-ok`, but only after 15 seconds. The widget's timeout fires first and it says the server did not answer in time.",
    },
    DemoKey {
        name: "fault-500",
        key: FAULT_500,
        status: 500,
        error: "pkg/rpcserver:rpc_recovered",
        expect: "500 with a TTS error body. The widget reports a server error and suggests trying again later.",
    },
    DemoKey {
        name: "fault-502",
        key: FAULT_502,
        status: 502,
        error: "",
        expect: "502 with an HTML page like a load balancer's. The widget reports the server as unavailable without showing the HTML.",
    },
    DemoKey {
        name: "fault-malformed-json",
        key: FAULT_MALFORMED_JSON,
        status: 200,
        error: "",
        expect: "200 with `Content-Type: application/json` and a body cut off mid-way. The widget reports an unreadable answer.",
    },
    DemoKey {
        name: "fault-huge-body",
        key: FAULT_HUGE_BODY,
        status: 200,
        error: "",
        expect: "200 with a 10 MiB JSON body. The widget stops at its size limit and reports an unreadable answer.",
    },
    DemoKey {
        name: "fault-redirect",
        key: FAULT_REDIRECT,
        status: 307,
        error: "",
        expect: "307 to another address, as a load balancer that forwards to another cluster might send. The widget does not follow it and says the server redirected.",
    },
    DemoKey {
        name: "fault-reset",
        key: FAULT_RESET,
        status: 0,
        error: "",
        expect: "The TCP connection is reset without any response. The widget reports a network error.",
    },
];

/// The entity an API key belongs to (`EntityIdentifiers`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entity {
    /// `organization_ids.organization_id`.
    Organization(&'static str),
    /// `user_ids.user_id`.
    User(&'static str),
}

/// How the stand-in answers for a stored key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// As TTS would.
    Normal,
    /// As TTS would, with a rate-limiting profile on the key.
    RateLimited,
    /// As TTS would, after `Config::slow_delay`.
    Slow,
    /// 500 with a TTS error body.
    InternalError,
    /// 502 with an HTML body.
    BadGateway,
    /// 200 with truncated JSON.
    MalformedJson,
    /// 200 with a 10 MiB body.
    HugeBody,
    /// 307 to another address.
    Redirect,
    /// The connection is reset.
    Reset,
}

/// An API key in the stand-in's store.
#[derive(Clone, Copy)]
pub(crate) struct StoredKey {
    key: &'static str,
    pub(crate) entity: Entity,
    pub(crate) name: &'static str,
    pub(crate) rights: &'static [&'static str],
    pub(crate) created_at: &'static str,
    pub(crate) updated_at: &'static str,
    pub(crate) expires_at: Option<&'static str>,
    pub(crate) mode: Mode,
}

impl fmt::Debug for StoredKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredKey")
            .field("id", &self.id())
            .field("entity", &self.entity)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl StoredKey {
    /// The key ID, the middle part of the key.
    pub(crate) fn id(&self) -> &'static str {
        self.key.split('.').nth(1).unwrap_or("")
    }

    /// Whether `secret` is this key's secret (TTS compares against a PBKDF2 hash).
    pub(crate) fn secret_matches(&self, secret: &str) -> bool {
        self.key.split('.').nth(2) == Some(secret)
    }

    /// Whether the key has an expiry before `now_unix` (seconds since the epoch).
    pub(crate) fn is_expired(&self, now_unix: i64) -> bool {
        self.expires_at
            .and_then(dates::unix_seconds)
            .is_some_and(|expires_at| expires_at < now_unix)
    }
}

const ORG: Entity = Entity::Organization("demo-org");
// What the guide tells IotBridge users to tick (its rights chapter, and IOTBRIDGE_PROFILE in
// the widget's `src/rights.rs`): the application and device rights, with the devices' keys,
// and the two organization rights to list and create the organization's applications.
const PROFILE: &[&str] = &[
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_WRITE",
    "RIGHT_APPLICATION_DEVICES_READ_KEYS",
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS",
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
];

/// Builds a stored organization key with the IotBridge rights.
const fn org_key(key: &'static str, name: &'static str, mode: Mode) -> StoredKey {
    StoredKey {
        key,
        entity: ORG,
        name,
        rights: PROFILE,
        created_at: "2024-05-14T09:21:07.412305Z",
        updated_at: "2024-05-14T09:21:07.412306Z",
        expires_at: None,
        mode,
    }
}

/// The key store. `unknown-id` is missing on purpose, and `wrong-secret` shares `org-ok`'s ID.
const STORE: &[StoredKey] = &[
    org_key(ORG_OK, "iotbridge", Mode::Normal),
    StoredKey {
        key: ORG_READ_ONLY,
        entity: ORG,
        name: "iotbridge read-only",
        rights: &[
            "RIGHT_ORGANIZATION_INFO",
            "RIGHT_APPLICATION_INFO",
            "RIGHT_APPLICATION_DEVICES_READ",
            "RIGHT_APPLICATION_TRAFFIC_READ",
        ],
        created_at: "2024-06-02T14:03:51.907720Z",
        updated_at: "2024-06-02T14:03:51.907721Z",
        expires_at: None,
        mode: Mode::Normal,
    },
    StoredKey {
        key: ORG_MISSING_RIGHTS,
        entity: ORG,
        name: "org admin",
        rights: &["RIGHT_ORGANIZATION_ALL"],
        created_at: "2024-06-02T14:05:12.118Z",
        updated_at: "2024-06-02T14:05:12.118001Z",
        expires_at: None,
        mode: Mode::Normal,
    },
    StoredKey {
        key: USER_OK,
        entity: Entity::User("demo-user"),
        name: "",
        rights: &["RIGHT_USER_ALL"],
        created_at: "2023-11-22T15:50:02.883333Z",
        updated_at: "2023-11-22T15:50:02.883334Z",
        expires_at: Some("2099-12-31T00:00:00Z"),
        mode: Mode::Normal,
    },
    StoredKey {
        key: EXPIRED,
        entity: ORG,
        name: "iotbridge 2023",
        rights: PROFILE,
        created_at: "2023-01-09T08:00:00.5Z",
        updated_at: "2023-01-09T08:00:00.500001Z",
        expires_at: Some("2024-01-01T00:00:00Z"),
        mode: Mode::Normal,
    },
    org_key(RATE_LIMITED, "rate-limited", Mode::RateLimited),
    org_key(FAULT_SLOW, "fault-slow", Mode::Slow),
    org_key(FAULT_500, "fault-500", Mode::InternalError),
    org_key(FAULT_502, "fault-502", Mode::BadGateway),
    org_key(
        FAULT_MALFORMED_JSON,
        "fault-malformed-json",
        Mode::MalformedJson,
    ),
    org_key(FAULT_HUGE_BODY, "fault-huge-body", Mode::HugeBody),
    org_key(FAULT_REDIRECT, "fault-redirect", Mode::Redirect),
    org_key(FAULT_RESET, "fault-reset", Mode::Reset),
];

/// Looks a key up by ID, exactly as `GetAPIKeyByID` does.
pub(crate) fn find(id: &str) -> Option<&'static StoredKey> {
    STORE.iter().find(|stored| stored.id() == id)
}

/// The demo key table in Markdown, as `--print-keys` prints it and the README shows it.
pub fn keys_markdown() -> String {
    let mut out = String::from("| name | key | status | error | expect |\n|---|---|---|---|---|\n");
    for demo in DEMO_KEYS {
        let status = match demo.status {
            0 => "none".to_owned(),
            n => n.to_string(),
        };
        let error = match demo.error {
            "" => "".to_owned(),
            error => format!("`{error}`"),
        };
        out.push_str(&format!(
            "| `{}` | `{}` | {status} | {error} | {} |\n",
            demo.name, demo.key, demo.expect
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{find, DEMO_KEYS, STORE};

    #[test]
    fn demo_keys_have_the_tts_format() {
        for demo in DEMO_KEYS {
            let parts: Vec<&str> = demo.key.split('.').collect();
            let base32 = |part: &str| part.bytes().all(|b| matches!(b, b'A'..=b'Z' | b'2'..=b'7'));
            assert_eq!(demo.key.len(), 98, "{}", demo.name);
            assert_eq!(parts.len(), 3, "{}", demo.name);
            assert_eq!(parts[0], "NNSXS", "{}", demo.name);
            assert!(parts[1].len() == 39 && base32(parts[1]), "{}", demo.name);
            assert!(parts[2].len() == 52 && base32(parts[2]), "{}", demo.name);
            assert!("AIQY".contains(&parts[1][38..]), "{}", demo.name);
            assert!("AQ".contains(&parts[2][51..]), "{}", demo.name);
        }
    }

    #[test]
    fn store_matches_the_table() {
        let mut names: Vec<&str> = DEMO_KEYS.iter().map(|demo| demo.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DEMO_KEYS.len());
        for demo in DEMO_KEYS {
            let id = demo.key.split('.').nth(1).unwrap_or("");
            let secret = demo.key.split('.').nth(2).unwrap_or("");
            let stored = find(id);
            let expected_in_store = demo.name != "unknown-id";
            let expected_secret_ok = expected_in_store && demo.name != "wrong-secret";
            assert_eq!(stored.is_some(), expected_in_store, "{}", demo.name);
            assert_eq!(
                stored.is_some_and(|s| s.secret_matches(secret)),
                expected_secret_ok,
                "{}",
                demo.name
            );
        }
        assert_eq!(STORE.len(), DEMO_KEYS.len() - 2);
    }
}
