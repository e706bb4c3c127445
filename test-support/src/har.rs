//! HAR captures (the HTTP Archive JSON a browser's developer tools save) with The Things
//! Stack tokens in every place a request or an answer carries one: the `Authorization`
//! header, the URL and its query string (plain and with percent-encoded dots), cookies,
//! a request body and an answer body (JSON inside a JSON string, with escaped quotes
//! and an escaped line break inside a secret).

use std::fmt::Write as _;

use crate::keys::base32;
use crate::rng::Rng;

/// A generated HAR file and the secrets in it.
#[derive(Debug, Clone)]
pub struct Har {
    /// The HAR file: valid JSON.
    pub text: String,
    /// The secret of each token, once per place it is written (a token in the URL is
    /// in its query string too).
    pub secrets: Vec<String>,
}

/// The prefixes of tokens a request may carry: API keys and OAuth access tokens.
const PREFIXES: &[&str] = &["NNSXS", "MFRWG"];

/// A HAR file of `n_entries` requests drawn from `rng`.
pub fn generate(rng: &mut Rng, n_entries: usize) -> Har {
    let mut secrets = Vec::new();
    let mut entries = Vec::new();
    for n in 0..n_entries {
        let token = |rng: &mut Rng, secrets: &mut Vec<String>, times: usize| {
            let prefix = PREFIXES[rng.below(PREFIXES.len())];
            let id = base32(rng, 39, b"AIQY");
            let secret = base32(rng, 52, b"AQ");
            for _ in 0..times {
                secrets.push(secret.clone());
            }
            (prefix, id, secret)
        };
        let (p, id, s) = token(rng, &mut secrets, 1);
        let auth = format!("Bearer {p}.{id}.{s}");
        let (qp, qid, qs) = token(rng, &mut secrets, 2);
        // The query string's value as the URL has it, percent-encoded dots or not.
        let query = if rng.chance(50) {
            format!("{qp}.{qid}.{qs}")
        } else {
            format!("{qp}%2E{qid}%2E{qs}")
        };
        let url = format!("https://eu1.cloud.thethings.network/api/v3/applications/app-{n}/devices?limit=10&api_key={query}&page=1");
        let (cp, cid, cs) = token(rng, &mut secrets, 2);
        let cookie = format!("{cp}.{cid}.{cs}");
        let (bp, bid, bs) = token(rng, &mut secrets, 1);
        let body =
            format!("{{\\\"name\\\":\\\"IotBridge\\\",\\\"api_key\\\":\\\"{bp}.{bid}.{bs}\\\"}}");
        let (rp, rid, rs) = token(rng, &mut secrets, 1);
        // A secret wrapped by an escaped line break in the answer's text.
        let answer = format!(
            "{{\\\"key\\\":\\\"{rp}.{rid}.{}\\n{}\\\",\\\"rights\\\":[\\\"RIGHT_APPLICATION_INFO\\\"]}}",
            &rs[..26],
            &rs[26..]
        );
        let mut entry = String::new();
        let _ = write!(
            entry,
            r#"{{"startedDateTime":"2024-05-0{day}T10:00:00.000Z","time":12.5,"request":{{"method":"POST","url":"{url}","httpVersion":"HTTP/1.1","headers":[{{"name":"Authorization","value":"{auth}"}},{{"name":"Cookie","value":"session=abc; tts_token={cookie}"}},{{"name":"Content-Type","value":"application/json"}}],"queryString":[{{"name":"limit","value":"10"}},{{"name":"api_key","value":"{qp}.{qid}.{qs}"}}],"cookies":[{{"name":"tts_token","value":"{cookie}"}}],"postData":{{"mimeType":"application/json","text":"{body}"}},"headersSize":-1,"bodySize":64}},"response":{{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[{{"name":"Content-Type","value":"application/json"}}],"cookies":[],"content":{{"size":120,"mimeType":"application/json","text":"{answer}"}},"redirectURL":"","headersSize":-1,"bodySize":120}},"cache":{{}},"timings":{{"send":1,"wait":10,"receive":1.5}}}}"#,
            day = 1 + n % 9,
        );
        entries.push(entry);
    }
    let text = format!(
        "{{\"log\":{{\"version\":\"1.2\",\"creator\":{{\"name\":\"WebInspector\",\"version\":\"537.36\"}},\"pages\":[],\"entries\":[\n{}\n]}}}}\n",
        entries.join(",\n")
    );
    Har { text, secrets }
}
