//! The text the redaction benchmarks scan: a deterministic mix of what people paste into
//! a support form (tickets, e-mail replies quoted and wrapped at 72 columns, some as
//! quoted-printable, log lines, JSON, YAML, `.env` files, curl lines, HTTP headers) with
//! a key, a near miss or a bare secret planted about once every 8 KB.
//!
//! Generated in code from a fixed seed ([`Rng`]), so every run and every machine
//! scans the same bytes and nothing large is committed.

use std::fmt::Write as _;

use crate::keys::base32;
use crate::rng::Rng;

/// The generated text and what was planted in it.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The text, at least as long as asked for.
    pub text: String,
    /// The planted secrets (and secret fragments of 8 or more characters) as they are
    /// written in the text, before any line wrap: what redaction must hide.
    pub secrets: Vec<String>,
    /// How many tokens and bare secrets were planted.
    pub n_planted: usize,
}

/// Generates a corpus of at least `min_len` bytes from `seed`.
pub fn generate(min_len: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let mut corpus = Corpus {
        text: String::with_capacity(min_len + 8192),
        secrets: Vec::new(),
        n_planted: 0,
    };
    let mut next_plant = rng.range(2048, 8192);
    while corpus.text.len() < min_len {
        let plant = if corpus.text.len() >= next_plant {
            // One plant every 8 KB on average, spread between 4 and 12 KB apart.
            next_plant += rng.range(4096, 12288);
            corpus.n_planted += 1;
            Some(plant(&mut rng, &mut corpus.secrets))
        } else {
            None
        };
        let plant = plant.as_deref();
        let text = &mut corpus.text;
        match rng.below(100) {
            0..=17 => ticket(&mut rng, text, plant),
            18..=37 => email_reply(&mut rng, text, plant),
            38..=62 => log_lines(&mut rng, text, plant),
            63..=72 => json(&mut rng, text, plant),
            73..=79 => yaml(&mut rng, text, plant),
            80..=85 => dotenv(&mut rng, text, plant),
            86..=93 => curl(&mut rng, text, plant),
            _ => http(&mut rng, text, plant),
        }
        text.push('\n');
    }
    corpus
}

/// A token, near miss or bare secret as people paste them; records the secret text it
/// holds in `secrets`.
fn plant(rng: &mut Rng, secrets: &mut Vec<String>) -> String {
    let id = base32(rng, 39, b"AIQY");
    let secret = base32(rng, 52, b"AQ");
    let (token, secret_shown) = match rng.below(100) {
        // A well-formed API key.
        0..=44 => (format!("NNSXS.{id}.{secret}"), secret),
        // Lower-cased by a form or an editor.
        45..=54 => {
            let key = format!("nnsxs.{id}.{secret}").to_ascii_lowercase();
            (key, secret.to_ascii_lowercase())
        }
        // Cut short by a copy that missed the end.
        55..=64 => {
            let cut = rng.range(60, 97);
            let key = format!("NNSXS.{id}.{secret}");
            let shown = secret[..cut - 46].to_owned();
            (key[..cut].to_owned(), shown)
        }
        // The other token kinds: OAuth access and refresh tokens, authorization codes,
        // Console session tokens (same shape as an API key).
        65..=79 => {
            let prefix = rng.pick(&["MFRWG", "OJSWM", "MF2XI", "ONZW4"]);
            (format!("{prefix}.{id}.{secret}"), secret)
        }
        // A secret pasted on its own.
        80..=91 => (secret.clone(), secret),
        // Percent-encoded separators, from a URL.
        _ => (format!("NNSXS%2E{id}%2E{secret}"), secret),
    };
    if secret_shown.len() >= 8 {
        secrets.push(secret_shown);
    }
    token
}

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Bob",
    "Carla",
    "Dmitri",
    "Emeka",
    "François",
    "Grace",
    "Hiroshi",
    "Ines",
    "Jürgen",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Olga",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Yuki",
    "Zoë",
];

const LAST_NAMES: &[&str] = &[
    "Andersen", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ito",
    "Janssen", "Kowalski", "Lefèvre", "Müller", "Novak", "Okafor", "Peeters", "Rossi", "Schmidt",
    "Tanaka", "van Dijk", "Weber", "Øster",
];

const APPS: &[&str] = &[
    "soil-moisture-eu",
    "cold-chain-monitor",
    "parking-sensors-ams",
    "water-meters-prod",
    "greenhouse-lab",
    "smart-bins-2024",
    "air-quality-city",
    "tracker-fleet",
];

const CLUSTERS: &[&str] = &[
    "eu1.cloud.thethings.network",
    "nam1.cloud.thethings.network",
    "au1.cloud.thethings.network",
    "tenant-acme.eu1.cloud.thethings.industries",
    "lns.example.com",
];

const SENTENCES: &[&str] = &[
    "I followed the setup guide step by step but the bridge still refuses to connect.",
    "The Console shows the application, and the devices send uplinks every 15 minutes.",
    "Since this morning every request returns 401 Unauthorized.",
    "We rotated our keys last week after an audit, maybe that is related?",
    "The integration worked fine until we upgraded to the new version.",
    "I created a new API key with all rights on the application, no luck.",
    "Could you please check what is wrong with our setup? It is quite urgent.",
    "The gateway is online (last seen a few seconds ago) and traffic is visible.",
    "We are on the Sandbox plan, is that a limitation for webhooks?",
    "I also tried the CLI: ttn-lw-cli login works, but the bridge does not.",
    "Our devices are Dragino LHT65N and Milesight EM300, both on EU868.",
    "Please find the configuration and the logs below.",
    "Strangely, it works from my laptop but not from the server in our DMZ.",
    "Our firewall allows outgoing HTTPS to the cluster, I double-checked.",
    "The error mentions rights, but the key has RIGHT_APPLICATION_ALL.",
    "Is the organization API key enough, or does it need to be a user key?",
    "The docs at https://www.thethingsindustries.com/docs/ were not clear to me.",
    "Thanks in advance for your help, this blocks our pilot with the city.",
    "We see the join accept, then nothing: no uplinks reach the bridge.",
    "I am not sure whether our tenant is on eu1 or on a dedicated cluster.",
    "The key was created by a colleague who left the company in March.",
    "Downlinks queued through the API never show up on the device.",
    "We have about 340 devices in this application, more to come.",
    "The webhook format is JSON and the base URL ends with a slash.",
];

const SUBJECTS: &[&str] = &[
    "Bridge cannot connect to The Things Stack",
    "401 Unauthorized after key rotation",
    "Uplinks not forwarded since upgrade",
    "URGENT: production devices offline",
    "Question about API key rights",
    "Webhook to IotBridge fails with 403",
    "Setup help needed (Sandbox, EU868)",
];

fn full_name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

fn email_address(rng: &mut Rng) -> String {
    let first = rng.pick(&["anna", "bob", "c.costa", "dmitri", "e.okafor", "grace.h"]);
    let domain = rng.pick(&[
        "example.com",
        "agro-sensing.eu",
        "city-iot.org",
        "mail.test",
    ]);
    format!("{first}@{domain}")
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{}, {} {} 2024 {:02}:{:02}",
        rng.pick(&["Mon", "Tue", "Wed", "Thu", "Fri"]),
        rng.range(1, 29),
        rng.pick(&["Mar", "Apr", "May", "Jun", "Jul"]),
        rng.below(24),
        rng.below(60)
    )
}

fn timestamp(rng: &mut Rng) -> String {
    format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        rng.range(1, 13),
        rng.range(1, 29),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.below(1000)
    )
}

fn hex(rng: &mut Rng, len: usize, digits: &[u8; 16]) -> String {
    (0..len)
        .map(|_| char::from(digits[rng.below(16)]))
        .collect()
}

fn dev_eui(rng: &mut Rng) -> String {
    format!("70B3D57ED0{}", hex(rng, 6, b"0123456789ABCDEF"))
}

fn uuid(rng: &mut Rng) -> String {
    let digits = b"0123456789abcdef";
    format!(
        "{}-{}-4{}-a{}-{}",
        hex(rng, 8, digits),
        hex(rng, 4, digits),
        hex(rng, 3, digits),
        hex(rng, 3, digits),
        hex(rng, 12, digits)
    )
}

/// A ULID as The Things Stack uses for correlation IDs (Crockford base32).
fn ulid(rng: &mut Rng) -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut text = String::from("01HZ");
    text.extend((0..22).map(|_| char::from(CROCKFORD[rng.below(32)])));
    text
}

fn base64(rng: &mut Rng, len: usize) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text: String = (0..len)
        .map(|_| char::from(ALPHABET[rng.below(64)]))
        .collect();
    text.push_str("==");
    text
}

/// A paragraph of support prose, with `plant` (if any) in a sentence of its own.
fn paragraph(rng: &mut Rng, plant: Option<&str>) -> String {
    let mut text = String::new();
    let n_sentences = rng.range(2, 6);
    let plant_at = rng.below(n_sentences);
    for i in 0..n_sentences {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(rng.pick(SENTENCES));
        if i == plant_at {
            if let Some(plant) = plant {
                let lead = rng.pick(&[
                    "Our key is",
                    "Here is the key we use:",
                    "The API key (I know, I should not send it) is",
                    "This is what is in the config:",
                    "Key:",
                ]);
                let end = rng.pick(&[".", "", " - can you check it?", " (the new one)."]);
                let _ = write!(text, " {lead} {plant}{end}");
            }
        }
    }
    text
}

fn ticket(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let _ = write!(
        out,
        "Ticket #{}\nSubject: {}\nFrom: {} <{}>\nPriority: {}\n\n{} team,\n\n",
        rng.range(10_000, 99_999),
        rng.pick(SUBJECTS),
        full_name(rng),
        email_address(rng),
        rng.pick(&["normal", "high", "urgent"]),
        rng.pick(&["Hi", "Hello", "Dear", "Good morning"]),
    );
    let n_paragraphs = rng.range(1, 4);
    let plant_at = rng.below(n_paragraphs);
    for i in 0..n_paragraphs {
        let plant = plant.filter(|_| i == plant_at);
        out.push_str(&paragraph(rng, plant));
        out.push_str("\n\n");
    }
    let _ = writeln!(
        out,
        "{},\n{}\n{} | {}",
        rng.pick(&["Thanks", "Best regards", "Kind regards", "Cheers"]),
        full_name(rng),
        rng.pick(&["IoT engineer", "CTO", "Facility manager", "Developer"]),
        rng.pick(&[
            "AgroSensing BV",
            "City of Lyon",
            "ColdTrack GmbH",
            "Hydro Metrics"
        ]),
    );
}

/// Word-wraps `text` at `width` columns behind `quote`; with `split_long`, a word longer
/// than a line is cut at the column (as some mail clients do), else it overflows.
fn wrap(out: &mut String, text: &str, width: usize, quote: &str, split_long: bool) {
    let room = width - quote.chars().count();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        let mut word = word;
        let word_len = word.chars().count();
        if line_len > 0 && line_len + 1 + word_len > room {
            let _ = writeln!(out, "{quote}{line}");
            line.clear();
            line_len = 0;
        }
        if line_len > 0 {
            line.push(' ');
            line_len += 1;
        }
        if split_long && word.is_ascii() {
            while word.len() > room {
                let _ = writeln!(out, "{quote}{}", &word[..room]);
                word = &word[room..];
            }
        }
        line.push_str(word);
        line_len += word.chars().count();
    }
    if line_len > 0 {
        let _ = writeln!(out, "{quote}{line}");
    }
}

/// Quoted-printable encoding (RFC 2045) with soft line breaks at 76 columns.
fn quoted_printable(out: &mut String, text: &str) {
    for line in text.lines() {
        let mut column = 0;
        for byte in line.bytes() {
            let encoded = if byte == b'=' || !(b' '..=b'~').contains(&byte) {
                format!("={byte:02X}")
            } else {
                char::from(byte).to_string()
            };
            if column + encoded.len() > 75 {
                out.push_str("=\n");
                column = 0;
            }
            out.push_str(&encoded);
            column += encoded.len();
        }
        out.push('\n');
    }
}

fn email_reply(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let mut mail = String::new();
    let _ = write!(
        mail,
        "From: {} <{}>\nTo: support@example.com\nDate: {} +0200\nSubject: Re: {}\n\n",
        full_name(rng),
        email_address(rng),
        date(rng),
        rng.pick(SUBJECTS),
    );
    let split_long = rng.chance(50);
    // The new text on top, then the quoted thread, older messages more deeply quoted.
    let plant_in_quote = rng.chance(60);
    let reply = paragraph(rng, plant.filter(|_| !plant_in_quote));
    wrap(&mut mail, &reply, 72, "", split_long);
    let _ = writeln!(
        mail,
        "\nOn {}, {} <{}> wrote:",
        date(rng),
        full_name(rng),
        email_address(rng)
    );
    let depth = rng.range(1, 4);
    for level in 1..=depth {
        let quote = format!("{} ", ">".repeat(level));
        let plant = plant.filter(|_| plant_in_quote && level == depth);
        let n_paragraphs = rng.range(1, 3);
        for i in 0..n_paragraphs {
            let text = paragraph(rng, plant.filter(|_| i == 0));
            wrap(&mut mail, &text, 72, &quote, split_long);
            let _ = writeln!(mail, "{}", quote.trim_end());
        }
    }
    if rng.chance(20) {
        quoted_printable(out, &mail);
    } else {
        out.push_str(&mail);
    }
}

fn log_lines(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let n_lines = rng.range(5, 30);
    let plant_at = rng.below(n_lines);
    for i in 0..n_lines {
        let ts = timestamp(rng);
        if i == plant_at {
            if let Some(plant) = plant {
                let _ = match rng.below(3) {
                    0 => writeln!(
                        out,
                        "{ts} ERROR iotbridge::tts: request failed status=401 url=https://{}/api/v3/auth_info authorization=\"Bearer {plant}\"",
                        rng.pick(CLUSTERS)
                    ),
                    1 => writeln!(out, "{ts} DEBUG config loaded: TTS_API_KEY={plant} app_id={}", rng.pick(APPS)),
                    _ => writeln!(out, "level=warn ts={ts} msg=\"auth failed\" key={plant} err=\"unauthenticated\""),
                };
                continue;
            }
        }
        let _ = match rng.below(5) {
            0 => writeln!(
                out,
                "{ts}\tINFO\tgs/io/udp\tUplink received\tgateway_uid=eui-b827ebfffe{} dev_addr=260B{} f_cnt={} rssi=-{} snr={}.{}",
                hex(rng, 6, b"0123456789abcdef"),
                hex(rng, 4, b"0123456789ABCDEF"),
                rng.below(60_000),
                rng.range(40, 125),
                rng.below(12),
                rng.below(10)
            ),
            1 => writeln!(
                out,
                "203.0.113.{} - - [04/Jun/2024:10:{:02}:{:02} +0000] \"POST /api/v3/as/applications/{}/webhooks/iotbridge/devices/{}/down/push HTTP/1.1\" {} {} \"-\" \"iotbridge/1.4.2\"",
                rng.range(1, 255),
                rng.below(60),
                rng.below(60),
                rng.pick(APPS),
                dev_eui(rng).to_ascii_lowercase(),
                rng.pick(&["200", "200", "200", "401", "429"]),
                rng.range(64, 4096)
            ),
            2 => writeln!(
                out,
                "{ts} WARN  as.up: {{\"correlation_ids\": [\"as:up:{}\", \"gs:conn:{}\", \"rpc:/ttn.lorawan.v3.NsAs/HandleUplink:{}\"], \"device_id\": \"eui-{}\"}}",
                ulid(rng),
                ulid(rng),
                uuid(rng),
                dev_eui(rng).to_ascii_lowercase()
            ),
            3 => writeln!(
                out,
                "[{ts}] INFO  c.i.bridge.Forwarder - forwarded uplink {} to mqtt://broker.local:1883 in {}ms (sha256:{})",
                uuid(rng),
                rng.range(1, 900),
                hex(rng, 64, b"0123456789abcdef")
            ),
            _ => writeln!(
                out,
                "{ts} ERROR iotbridge::tts: error:pkg/auth/rights:no_application_rights (no rights for application `{}@ttn`) request_id={}",
                rng.pick(APPS),
                ulid(rng)
            ),
        };
    }
}

fn json(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let app = rng.pick(APPS);
    let payload_len = rng.range(8, 40);
    let _ = writeln!(
        out,
        "{{\n  \"ids\": {{\n    \"application_ids\": {{ \"application_id\": \"{app}\" }},\n    \"device_id\": \"eui-{}\",\n    \"dev_eui\": \"{}\"\n  }},",
        dev_eui(rng).to_ascii_lowercase(),
        dev_eui(rng)
    );
    if let Some(plant) = plant {
        let _ = writeln!(out, "  \"api_key\": \"{plant}\",");
    }
    let _ = writeln!(
        out,
        "  \"received_at\": \"{}\",\n  \"uplink_message\": {{\n    \"f_port\": {},\n    \"frm_payload\": \"{}\",\n    \"decoded_payload\": {{ \"temperature\": {}.{}, \"humidity\": {} }},\n    \"rx_metadata\": [{{ \"gateway_ids\": {{ \"gateway_id\": \"gw-{}\" }}, \"rssi\": -{}, \"snr\": {}.{} }}],\n    \"correlation_ids\": [\"as:up:{}\", \"ns:uplink:{}\"]\n  }}\n}}",
        timestamp(rng),
        rng.range(1, 224),
        base64(rng, payload_len),
        rng.range(0, 50) as i64 - 10,
        rng.below(10),
        rng.range(20, 99),
        rng.range(1, 40),
        rng.range(40, 125),
        rng.below(12),
        rng.below(10),
        ulid(rng),
        ulid(rng)
    );
}

fn yaml(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let _ = writeln!(
        out,
        "# iotbridge.yaml\ntts:\n  cluster: {}\n  application_id: {}",
        rng.pick(CLUSTERS),
        rng.pick(APPS)
    );
    match plant {
        Some(plant) => {
            let _ = writeln!(out, "  api_key: {plant}");
        }
        None => {
            let _ = writeln!(out, "  api_key: ${{TTS_API_KEY}}");
        }
    }
    let _ = writeln!(
        out,
        "  webhook_id: iotbridge\n  timeout: {}s\nmqtt:\n  url: mqtts://broker.example.com:8883\n  client_id: bridge-{}\n  password_file: /run/secrets/mqtt\nlog:\n  level: {}\n  format: json",
        rng.range(5, 60),
        uuid(rng),
        rng.pick(&["info", "debug", "warn"])
    );
}

fn dotenv(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let _ = writeln!(
        out,
        "# .env\nTTS_CLUSTER={}\nTTS_APPLICATION_ID={}",
        rng.pick(CLUSTERS),
        rng.pick(APPS)
    );
    match plant {
        Some(plant) => {
            let _ = writeln!(out, "TTS_API_KEY={plant}");
        }
        None => {
            let _ = writeln!(out, "TTS_API_KEY=NNSXS.XXXXXXXXXX...");
        }
    }
    let _ = writeln!(
        out,
        "MQTT_URL=mqtts://broker.example.com:8883\nMQTT_PASSWORD={}\nSESSION_ID={}\nLOG_LEVEL=info",
        base64(rng, 22),
        uuid(rng)
    );
}

fn curl(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let cluster = rng.pick(CLUSTERS);
    let app = rng.pick(APPS);
    let _ = writeln!(out, "$ curl -sS \\");
    match plant {
        Some(plant) if plant.contains('%') => {
            let _ = writeln!(
                out,
                "  \"https://{cluster}/api/v3/applications/{app}/devices?api_key={plant}&limit=100\"",
            );
        }
        Some(plant) => {
            let _ = writeln!(
                out,
                "  -H \"Authorization: Bearer {plant}\" \\\n  -H \"Accept: application/json\" \\\n  \"https://{cluster}/api/v3/applications/{app}/devices?field_mask=name,description\"",
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  -H \"Authorization: Bearer $TTS_API_KEY\" \\\n  \"https://{cluster}/api/v3/applications/{app}/devices?field_mask=name,description\"",
            );
        }
    }
    let _ = writeln!(
        out,
        "{{\"end_devices\":[{{\"ids\":{{\"device_id\":\"eui-{}\",\"application_ids\":{{\"application_id\":\"{app}\"}},\"dev_eui\":\"{}\",\"join_eui\":\"0000000000000000\"}},\"created_at\":\"{}\",\"name\":\"{}\"}}]}}",
        dev_eui(rng).to_ascii_lowercase(),
        dev_eui(rng),
        timestamp(rng),
        rng.pick(&["Sensor hall A", "Freezer 3", "Parking P2 #17", "Meter 0042"]),
    );
}

fn http(rng: &mut Rng, out: &mut String, plant: Option<&str>) {
    let cluster = rng.pick(CLUSTERS);
    let bearer = plant.unwrap_or("NNSXS.[REDACTED]");
    let _ = write!(
        out,
        "GET /api/v3/auth_info HTTP/1.1\r\nHost: {cluster}\r\nAuthorization: Bearer {bearer}\r\nAccept: application/json\r\nUser-Agent: iotbridge/1.4.2 (+https://www.example.com/bot)\r\nX-Request-ID: {}\r\n\r\nHTTP/1.1 {}\r\nContent-Type: application/json\r\nX-Rate-Limit-Limit: 2000\r\nX-Rate-Limit-Available: {}\r\nX-Rate-Limit-Reset: {}\r\nX-Request-ID: {}\r\nDate: {} GMT\r\n\r\n",
        uuid(rng),
        rng.pick(&["200 OK", "401 Unauthorized", "403 Forbidden", "429 Too Many Requests"]),
        rng.below(2000),
        rng.below(60),
        ulid(rng),
        date(rng),
    );
}
