//! Tests for `ids`: every problem with its UTF-16 span, suggestions, IDs in Console URLs,
//! and the exact user-facing messages.

use tts_keycheck::ids::{self, IdErrorKind, IdKind};

/// Checks the problems of `input` as `(code, start, end)`, and that `Display` is the
/// kind's message.
#[track_caller]
fn check(kind: IdKind, input: &str, expect: &[(&str, usize, usize)]) {
    let problems = ids::check(kind, input);
    let actual: Vec<(&str, usize, usize)> = problems
        .iter()
        .map(|p| (p.kind().code(), p.start(), p.end()))
        .collect();
    assert_eq!(actual, expect, "check({kind:?}, {input:?})");
    for problem in &problems {
        assert_eq!(problem.to_string(), problem.kind().message());
    }
    assert_eq!(ids::is_valid(kind, input), expect.is_empty());
}

#[track_caller]
fn check_suggest(kind: IdKind, input: &str, expect: Option<&str>) {
    assert_eq!(
        ids::suggest(kind, input).as_deref(),
        expect,
        "suggest({kind:?}, {input:?})"
    );
}

#[track_caller]
fn check_url(kind: IdKind, input: &str, expect: Option<&str>) {
    assert_eq!(
        ids::id_from_url(kind, input),
        expect,
        "id_from_url({kind:?}, {input:?})"
    );
}

const CONSOLE_URL: &str = "https://eu1.cloud.thethings.network/console/organizations/my-org";

#[test]
#[rustfmt::skip]
fn valid_ids() {
    use IdKind::*;
    check(Organization, "my-org", &[]);
    check(Organization, "abc", &[]);
    check(Organization, "a1b", &[]);
    check(Organization, "a-b-c", &[]);
    check(Organization, "123", &[]);
    check(Organization, &"a".repeat(36), &[]);
    check(User, "ab", &[]);
    check(User, "a-b", &[]);
    check(Application, "my-app-01", &[]);
    check(Gateway, "eui-0011223344556677", &[]);
    check(Client, "my-client", &[]);
    check(Device, "dev1", &[]);
}

#[test]
#[rustfmt::skip]
fn length() {
    use IdKind::*;
    check(Organization, "", &[("empty", 0, 0)]);
    check(Organization, "   ", &[("empty", 0, 3)]);
    check(Organization, "\u{200B}", &[("empty", 0, 1)]);
    check(Organization, "ab", &[("too_short", 0, 2)]);
    check(Organization, "a-b", &[("too_short", 0, 3)]);
    check(User, "a", &[("too_short", 0, 1)]);
    check(Device, "d1", &[("too_short", 0, 2)]);
    check(Organization, &"a".repeat(37), &[("too_long", 36, 37)]);
    check(Organization, &"a".repeat(40), &[("too_long", 36, 40)]);
    check(User, &"b".repeat(37), &[("too_long", 36, 37)]);
    check(Organization, " ab ", &[("surrounding_whitespace", 0, 1), ("too_short", 1, 3), ("surrounding_whitespace", 3, 4)]);
}

#[test]
#[rustfmt::skip]
fn characters() {
    use IdKind::*;
    check(Organization, " my-org\n", &[("surrounding_whitespace", 0, 1), ("surrounding_whitespace", 7, 8)]);
    check(Organization, "\tmy-org", &[("surrounding_whitespace", 0, 1)]);
    check(Organization, "My-Org", &[("uppercase", 0, 1), ("uppercase", 3, 4)]);
    check(Organization, "MY-ORG", &[("uppercase", 0, 2), ("uppercase", 3, 6)]);
    check(Organization, "my_org", &[("underscore", 2, 3)]);
    check(Organization, "my__org", &[("underscore", 2, 4)]);
    check(Organization, "my org", &[("space", 2, 3)]);
    check(Organization, "My Org", &[("uppercase", 0, 1), ("space", 2, 3), ("uppercase", 3, 4)]);
    check(Organization, "my.org", &[("dot", 2, 3)]);
    check(Organization, "my-örg", &[("invalid_character", 3, 4)]);
    check(Organization, "my-org😀", &[("invalid_character", 6, 8)]);
    check(Organization, "😀-my-org", &[("invalid_character", 0, 2)]);
    check(Organization, "my+org", &[("invalid_character", 2, 3)]);
    check(Organization, "my\u{200B}org", &[("invisible_character", 2, 3)]);
    check(Organization, "\u{FEFF}my-org", &[("invisible_character", 0, 1)]);
    check(Organization, "my-org\u{00AD}", &[("invisible_character", 6, 7)]);
    check(Organization, "___", &[("underscore", 0, 3), ("too_short", 0, 3)]);
}

#[test]
#[rustfmt::skip]
fn dashes() {
    use IdKind::*;
    check(Organization, "-my-org", &[("leading_dash", 0, 1)]);
    check(Organization, "--my-org", &[("leading_dash", 0, 2)]);
    check(Organization, "my-org-", &[("trailing_dash", 6, 7)]);
    check(Organization, "my--org", &[("double_dash", 2, 4)]);
    check(Organization, "-my--org-", &[("leading_dash", 0, 1), ("double_dash", 3, 5), ("trailing_dash", 8, 9)]);
    check(Organization, "---", &[("leading_dash", 0, 3), ("too_short", 0, 3)]);
    check(User, "a-", &[("too_short", 0, 2), ("trailing_dash", 1, 2)]);
}

#[test]
#[rustfmt::skip]
fn pasted_other_things() {
    use IdKind::*;
    check(Organization, "my-org@ttn", &[("tenant_suffix", 6, 10)]);
    check(Organization, " my-org@ttn", &[("surrounding_whitespace", 0, 1), ("tenant_suffix", 7, 11)]);
    check(Organization, "someone@example.com", &[("email", 0, 19)]);
    check(Organization, CONSOLE_URL, &[("console_url", 0, 64)]);
    check(Organization, " https://eu1.cloud.thethings.network/console/organizations/my-org/api-keys ", &[("surrounding_whitespace", 0, 1), ("console_url", 1, 74), ("surrounding_whitespace", 74, 75)]);
    check(Organization, "https://eu1.cloud.thethings.network/console", &[("url_without_id", 0, 43)]);
    check(Organization, "https://eu1.cloud.thethings.network/console/applications/my-app", &[("url_without_id", 0, 63)]);
    check(Application, "https://eu1.cloud.thethings.network/console/applications/my-app", &[("console_url", 0, 63)]);
    check(Organization, "organizations/my-org", &[("console_url", 0, 20)]);
}

#[test]
#[rustfmt::skip]
fn suggestions() {
    use IdKind::*;
    check_suggest(Organization, "my-org", None);
    check_suggest(Organization, " my-org\n", Some("my-org"));
    check_suggest(Organization, "My-Org", Some("my-org"));
    check_suggest(Organization, " MY-ORG ", Some("my-org"));
    check_suggest(Organization, "my\u{200B}-org", Some("my-org"));
    check_suggest(Organization, "my-org@ttn", Some("my-org"));
    check_suggest(Organization, "MY-ORG@TTN", Some("my-org"));
    check_suggest(Organization, CONSOLE_URL, Some("my-org"));
    check_suggest(Organization, "https://eu1.cloud.thethings.network/console/organizations/My-Org/api-keys?page=2", Some("my-org"));
    check_suggest(Organization, "https://acme.eu1.cloud.thethings.industries/console/organizations/acme-iot#members", Some("acme-iot"));
    check_suggest(Organization, "https://eu1.cloud.thethings.network/console/organizations/my_org", None);
    check_suggest(Organization, "https://eu1.cloud.thethings.network/console", None);
    check_suggest(User, "https://eu1.cloud.thethings.network/api/v3/users/jo/api-keys", Some("jo"));
    check_suggest(Organization, "my_org", None);
    check_suggest(Organization, "my org", None);
    check_suggest(Organization, "-my-org", None);
    check_suggest(Organization, "AB", None);
    check_suggest(User, "AB", Some("ab"));
    check_suggest(Organization, "someone@example.com", None);
    check_suggest(Organization, "", None);
}

#[test]
#[rustfmt::skip]
fn ids_in_urls() {
    use IdKind::*;
    check_url(Organization, CONSOLE_URL, Some("my-org"));
    check_url(Organization, "eu1.cloud.thethings.network/console/organizations/my-org?tab=x#y", Some("my-org"));
    check_url(Organization, "https://eu1.cloud.thethings.network/api/v3/organizations/my-org/api-keys", Some("my-org"));
    check_url(Organization, "HTTPS://EU1.CLOUD.THETHINGS.NETWORK/CONSOLE/ORGANIZATIONS/My-Org", Some("My-Org"));
    check_url(Organization, "https://eu1.cloud.thethings.network/console/organizations/", None);
    check_url(Organization, "https://eu1.cloud.thethings.network/console/organizations", None);
    check_url(Organization, "organizations", None);
    check_url(Application, "https://eu1.cloud.thethings.network/console/applications/app1/devices/dev1", Some("app1"));
    check_url(Device, "https://eu1.cloud.thethings.network/console/applications/app1/devices/dev1", Some("dev1"));
    check_url(Organization, "https://eu1.cloud.thethings.network/console/applications/app1/devices/dev1", None);
    check_url(Gateway, "https://nam1.cloud.thethings.network/console/gateways/gw-1/overview", Some("gw-1"));
    check_url(Client, "https://eu1.cloud.thethings.network/console/oauth-clients/my-client", Some("my-client"));
}

#[test]
#[rustfmt::skip]
fn messages() {
    #[track_caller]
    fn check_message(kind: IdErrorKind, code: &str, mechanical: bool, message: &str) {
        assert_eq!((kind.code(), kind.is_mechanical(), kind.message()), (code, mechanical, message));
    }
    use IdErrorKind::*;
    check_message(Empty, "empty", false, "Enter the ID. It is shown in the Console under the name, and uses lower-case letters, digits and dashes.");
    check_message(SurroundingWhitespace, "surrounding_whitespace", true, "There are spaces or line breaks around the ID. Remove them.");
    check_message(InvisibleCharacter, "invisible_character", true, "The ID contains invisible characters (zero-width space or similar), probably from copying. Remove them.");
    check_message(ConsoleUrl, "console_url", true, "This is a web address, not an ID. The ID is the part after /organizations/ (or /applications/, /gateways/); use the suggested ID.");
    check_message(UrlWithoutId, "url_without_id", false, "This is a web address, not an ID, and it holds no ID of the kind asked for. Open the organization in the Console and copy the ID shown under its name.");
    check_message(Email, "email", false, "This is an e-mail address, not an ID. Enter the ID, which the Console shows under the name.");
    check_message(TenantSuffix, "tenant_suffix", true, "This ID carries a tenant suffix after the @ (such as @ttn). Enter only the part before the @.");
    check_message(Uppercase, "uppercase", true, "IDs are lower case. Use lower-case letters.");
    check_message(Underscore, "underscore", false, "IDs cannot contain underscores (_). The ID probably has a dash (-) here; check it in the Console.");
    check_message(Space, "space", false, "IDs cannot contain spaces. This may be the name rather than the ID; the Console shows the ID under the name.");
    check_message(Dot, "dot", false, "IDs cannot contain dots. Enter only the ID, not a host name or a file name.");
    check_message(InvalidCharacter, "invalid_character", false, "IDs contain only lower-case letters a to z, digits and dashes; this character is none of those. Check the ID in the Console.");
    check_message(LeadingDash, "leading_dash", false, "IDs cannot start with a dash. Check the ID in the Console.");
    check_message(TrailingDash, "trailing_dash", false, "IDs cannot end with a dash. Check the ID in the Console.");
    check_message(DoubleDash, "double_dash", false, "IDs cannot have two dashes in a row. Check the ID in the Console.");
    check_message(TooShort, "too_short", false, "This ID is too short: IDs have at least 3 letters or digits (user IDs at least 2).");
    check_message(TooLong, "too_long", false, "This ID is too long: IDs have at most 36 characters.");
    assert_eq!(IdErrorKind::ALL.len(), 17, "every kind has a line above");
}

#[test]
fn codes_are_unique_snake_case() {
    let mut codes: Vec<&str> = IdErrorKind::ALL.iter().map(|k| k.code()).collect();
    for code in &codes {
        assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), IdErrorKind::ALL.len());
    let kinds: Vec<&str> = IdKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(
        kinds,
        [
            "organization",
            "user",
            "application",
            "gateway",
            "client",
            "device"
        ]
    );
}

#[test]
fn serialized_shape() {
    let problems = ids::check(IdKind::Organization, "my_org");
    assert_eq!(
        serde_json::to_string(&problems).unwrap(),
        r#"[{"code":"underscore","message":"IDs cannot contain underscores (_). The ID probably has a dash (-) here; check it in the Console.","start":2,"end":3}]"#
    );
    assert_eq!(
        serde_json::to_string(&IdKind::Organization).unwrap(),
        r#""organization""#
    );
}

#[test]
fn matches_the_regex_on_every_short_string() {
    // Exhaustive over the alphabet {a, -, A, _} up to length 5: `check` accepts exactly
    // what `^[a-z0-9](?:[-]?[a-z0-9]){2,}$` accepts (the reference, written out by hand).
    fn reference(text: &str, min: usize) -> bool {
        let bytes = text.as_bytes();
        let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        !bytes.is_empty()
            && alnum(&bytes[0])
            && alnum(&bytes[bytes.len() - 1])
            && bytes.iter().all(|b| alnum(b) || *b == b'-')
            && !text.contains("--")
            && bytes.iter().filter(|b| alnum(b)).count() >= min
            && bytes.len() <= 36
    }
    let alphabet = ['a', '-', 'A', '_'];
    let mut inputs = vec![String::new()];
    for _ in 0..5 {
        let longer: Vec<String> = inputs
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        inputs.extend(longer);
    }
    inputs.sort();
    inputs.dedup();
    for input in &inputs {
        for (kind, min) in [(IdKind::Organization, 3), (IdKind::User, 2)] {
            assert_eq!(
                ids::is_valid(kind, input),
                reference(input, min),
                "{kind:?} {input:?}"
            );
        }
    }
}

#[test]
fn autotraits() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ids::IdError>();
    assert_send_sync::<IdKind>();
}
