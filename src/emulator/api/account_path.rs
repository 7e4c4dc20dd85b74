//! The `{AccountSid}` segment of 2010-04-01 subresource paths: the caller may use its own
//! account or one of its subaccounts; any other account is 20404, as for the Accounts resource.

use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::Caller;
use crate::emulator::store::Store;

use super::accounts::V2010;

/// `/2010-04-01/Accounts/{account_sid}` after checking the caller may see that account.
pub fn account_base(store: &Store, caller: &Caller, account_sid: &str) -> ApiResult<String> {
    let base = format!("{V2010}/Accounts/{account_sid}");
    let known = store.accounts.contains_key(account_sid);
    if known && store.can_see_account(&caller.account_sid, account_sid) {
        Ok(base)
    } else {
        Err(ApiError::not_found(&format!("{base}.json")))
    }
}

/// The SID named by a `{Sid}.json` path segment under `collection`, or 20404.
pub fn sid_of<'a>(collection: &str, segment: &'a str) -> ApiResult<&'a str> {
    segment
        .strip_suffix(".json")
        .ok_or_else(|| ApiError::not_found(&format!("{collection}/{segment}")))
}
