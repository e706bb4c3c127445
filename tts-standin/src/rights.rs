//! The `Right` enum of The Things Stack v3.32 and its expansion, as `auth_info` returns it.
//!
//! The table is `reference/tts/rights-v3.32.tsv` (lorawan-stack `rights.proto` at
//! v3.32.1) in declaration order. The expansion follows `Right.Implied()` and
//! `Rights.Implied()` of `pkg/ttnpb/rights.go` as described in NOTES §5: the `*_ALL` sets are
//! built by name prefix, `RIGHT_CLIENT_ALL` and the `*_LINK` rights by explicit lists,
//! `RIGHT_ALL` implies every right, and the original rights are always kept.

/// Every right name with its protobuf number, in declaration order.
pub(crate) const RIGHTS: &[(&str, u32)] = &[
    ("right_invalid", 0),
    ("RIGHT_USER_INFO", 1),
    ("RIGHT_USER_SETTINGS_BASIC", 2),
    ("RIGHT_USER_SETTINGS_API_KEYS", 3),
    ("RIGHT_USER_DELETE", 4),
    ("RIGHT_USER_AUTHORIZED_CLIENTS", 5),
    ("RIGHT_USER_APPLICATIONS_LIST", 6),
    ("RIGHT_USER_APPLICATIONS_CREATE", 7),
    ("RIGHT_USER_GATEWAYS_LIST", 8),
    ("RIGHT_USER_GATEWAYS_CREATE", 9),
    ("RIGHT_USER_CLIENTS_LIST", 10),
    ("RIGHT_USER_CLIENTS_CREATE", 11),
    ("RIGHT_USER_ORGANIZATIONS_LIST", 12),
    ("RIGHT_USER_ORGANIZATIONS_CREATE", 13),
    ("RIGHT_USER_NOTIFICATIONS_READ", 59),
    ("RIGHT_USER_ALL", 14),
    ("RIGHT_APPLICATION_INFO", 15),
    ("RIGHT_APPLICATION_SETTINGS_BASIC", 16),
    ("RIGHT_APPLICATION_SETTINGS_API_KEYS", 17),
    ("RIGHT_APPLICATION_SETTINGS_COLLABORATORS", 18),
    ("RIGHT_APPLICATION_SETTINGS_PACKAGES", 56),
    ("RIGHT_APPLICATION_DELETE", 19),
    ("RIGHT_APPLICATION_DEVICES_READ", 20),
    ("RIGHT_APPLICATION_DEVICES_WRITE", 21),
    ("RIGHT_APPLICATION_DEVICES_READ_KEYS", 22),
    ("RIGHT_APPLICATION_DEVICES_WRITE_KEYS", 23),
    ("RIGHT_APPLICATION_TRAFFIC_READ", 24),
    ("RIGHT_APPLICATION_TRAFFIC_UP_WRITE", 25),
    ("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE", 26),
    ("RIGHT_APPLICATION_LINK", 27),
    ("RIGHT_APPLICATION_ALL", 28),
    ("RIGHT_CLIENT_ALL", 29),
    ("RIGHT_CLIENT_INFO", 60),
    ("RIGHT_CLIENT_SETTINGS_BASIC", 61),
    ("RIGHT_CLIENT_SETTINGS_COLLABORATORS", 62),
    ("RIGHT_CLIENT_DELETE", 63),
    ("RIGHT_GATEWAY_INFO", 30),
    ("RIGHT_GATEWAY_SETTINGS_BASIC", 31),
    ("RIGHT_GATEWAY_SETTINGS_API_KEYS", 32),
    ("RIGHT_GATEWAY_SETTINGS_COLLABORATORS", 33),
    ("RIGHT_GATEWAY_DELETE", 34),
    ("RIGHT_GATEWAY_TRAFFIC_READ", 35),
    ("RIGHT_GATEWAY_TRAFFIC_DOWN_WRITE", 36),
    ("RIGHT_GATEWAY_LINK", 37),
    ("RIGHT_GATEWAY_STATUS_READ", 38),
    ("RIGHT_GATEWAY_LOCATION_READ", 39),
    ("RIGHT_GATEWAY_WRITE_SECRETS", 57),
    ("RIGHT_GATEWAY_READ_SECRETS", 58),
    ("RIGHT_GATEWAY_ALL", 40),
    ("RIGHT_ORGANIZATION_INFO", 41),
    ("RIGHT_ORGANIZATION_SETTINGS_BASIC", 42),
    ("RIGHT_ORGANIZATION_SETTINGS_API_KEYS", 43),
    ("RIGHT_ORGANIZATION_SETTINGS_MEMBERS", 44),
    ("RIGHT_ORGANIZATION_DELETE", 45),
    ("RIGHT_ORGANIZATION_APPLICATIONS_LIST", 46),
    ("RIGHT_ORGANIZATION_APPLICATIONS_CREATE", 47),
    ("RIGHT_ORGANIZATION_GATEWAYS_LIST", 48),
    ("RIGHT_ORGANIZATION_GATEWAYS_CREATE", 49),
    ("RIGHT_ORGANIZATION_CLIENTS_LIST", 50),
    ("RIGHT_ORGANIZATION_CLIENTS_CREATE", 51),
    ("RIGHT_ORGANIZATION_ADD_AS_COLLABORATOR", 52),
    ("RIGHT_ORGANIZATION_ALL", 53),
    ("RIGHT_SEND_INVITES", 54),
    ("RIGHT_ALL", 55),
];

/// The rights `right` implies besides itself, in declaration order.
fn implied(right: &str) -> Vec<&'static str> {
    let by_prefix = |prefix: &str| -> Vec<&'static str> {
        RIGHTS
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| name.starts_with(prefix))
            .collect()
    };
    match right {
        "RIGHT_USER_ALL" => by_prefix("RIGHT_USER_"),
        "RIGHT_APPLICATION_ALL" => by_prefix("RIGHT_APPLICATION_"),
        "RIGHT_GATEWAY_ALL" => by_prefix("RIGHT_GATEWAY_"),
        "RIGHT_ORGANIZATION_ALL" => by_prefix("RIGHT_ORGANIZATION_"),
        "RIGHT_CLIENT_ALL" => vec![
            "RIGHT_CLIENT_INFO",
            "RIGHT_CLIENT_SETTINGS_BASIC",
            "RIGHT_CLIENT_SETTINGS_COLLABORATORS",
            "RIGHT_CLIENT_DELETE",
        ],
        "RIGHT_APPLICATION_LINK" => vec![
            "RIGHT_APPLICATION_INFO",
            "RIGHT_APPLICATION_TRAFFIC_READ",
            "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE",
        ],
        "RIGHT_GATEWAY_LINK" => vec!["RIGHT_GATEWAY_INFO"],
        "RIGHT_ALL" => RIGHTS
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| *name != "right_invalid")
            .collect(),
        _ => Vec::new(),
    }
}

/// `Rights.Implied()`: the stored rights, then what they imply, without duplicates.
///
/// TTS builds the result from a Go map, so its order is undefined; the stand-in keeps the
/// stored rights first and appends the implied ones in declaration order.
pub(crate) fn expand(stored: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let implied_all = stored.iter().flat_map(|right| implied(right));
    for right in stored.iter().copied().chain(implied_all) {
        if !out.contains(&right) {
            out.push(right);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{expand, RIGHTS};

    #[track_caller]
    fn check(stored: &[&'static str], n_rights: usize, first: &[&str]) {
        let expanded = expand(stored);
        assert_eq!(expanded.len(), n_rights, "{expanded:?}");
        assert_eq!(&expanded[..first.len()], first);
    }

    #[test]
    fn the_table_matches_the_tsv() {
        assert_eq!(RIGHTS.len(), 64);
        let mut numbers: Vec<u32> = RIGHTS.iter().map(|(_, n)| *n).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (0..64).collect::<Vec<u32>>());
    }

    #[rustfmt::skip]
    #[test]
    fn expands_like_implied() {
        check(&["RIGHT_ORGANIZATION_INFO", "RIGHT_APPLICATION_ALL"], 16, &["RIGHT_ORGANIZATION_INFO", "RIGHT_APPLICATION_ALL", "RIGHT_APPLICATION_INFO"]);
        check(&["RIGHT_ORGANIZATION_ALL"], 13, &["RIGHT_ORGANIZATION_ALL", "RIGHT_ORGANIZATION_INFO"]);
        check(&["RIGHT_USER_ALL"], 15, &["RIGHT_USER_ALL", "RIGHT_USER_INFO"]);
        check(&["RIGHT_APPLICATION_ALL"], 15, &["RIGHT_APPLICATION_ALL", "RIGHT_APPLICATION_INFO"]);
        check(&["RIGHT_GATEWAY_ALL"], 13, &["RIGHT_GATEWAY_ALL", "RIGHT_GATEWAY_INFO"]);
        check(&["RIGHT_CLIENT_ALL"], 5, &["RIGHT_CLIENT_ALL", "RIGHT_CLIENT_INFO"]);
        check(&["RIGHT_APPLICATION_LINK"], 4, &["RIGHT_APPLICATION_LINK", "RIGHT_APPLICATION_INFO", "RIGHT_APPLICATION_TRAFFIC_READ"]);
        check(&["RIGHT_GATEWAY_LINK"], 2, &["RIGHT_GATEWAY_LINK", "RIGHT_GATEWAY_INFO"]);
        check(&["RIGHT_ALL"], 63, &["RIGHT_ALL", "RIGHT_USER_INFO"]);
        check(&["RIGHT_APPLICATION_INFO", "RIGHT_APPLICATION_INFO"], 1, &["RIGHT_APPLICATION_INFO"]);
    }
}
