//! The `AuthInfoResponse` for a valid API key (`reference/tts/NOTES.md` §2): what the
//! real answer holds, and what the fault answers cut short.

use crate::json::Json;
use crate::keys::{Entity, StoredKey};
use crate::rights;

/// The `AuthInfoResponse` for a valid API key, fields in proto order, empty ones left out.
pub(crate) fn api_key_access(stored: &StoredKey) -> Json {
    let mut api_key = vec![("id", Json::str(stored.id()))];
    if !stored.name.is_empty() {
        api_key.push(("name", Json::str(stored.name)));
    }
    let rights = rights::expand(stored.rights);
    api_key.push((
        "rights",
        Json::Arr(rights.into_iter().map(Json::str).collect()),
    ));
    api_key.push(("created_at", Json::str(stored.created_at)));
    api_key.push(("updated_at", Json::str(stored.updated_at)));
    if let Some(expires_at) = stored.expires_at {
        api_key.push(("expires_at", Json::str(expires_at)));
    }
    let entity_ids = match stored.entity {
        Entity::Organization(id) => (
            "organization_ids",
            Json::Obj(vec![("organization_id", Json::str(id))]),
        ),
        Entity::User(id) => ("user_ids", Json::Obj(vec![("user_id", Json::str(id))])),
    };
    let access = Json::Obj(vec![
        ("api_key", Json::Obj(api_key)),
        ("entity_ids", Json::Obj(vec![entity_ids])),
    ]);
    Json::Obj(vec![("api_key", access)])
}
