//! Reading the pages the app answers, as a person (or a browser posting a form) would: the text
//! of elements, their attributes, a form's CSRF token and values, the error beside a field, and
//! where a redirect goes. Every helper takes the page as text or as an already parsed document.

use scraper::{Html, Selector};

/// A page: its HTML text (`str`, `String`) or a parsed [`Html`] document.
pub trait Page {
    /// Runs `read` on the parsed document.
    fn read<R>(&self, read: impl FnOnce(&Html) -> R) -> R;
}

impl Page for Html {
    fn read<R>(&self, read: impl FnOnce(&Html) -> R) -> R {
        read(self)
    }
}

impl Page for str {
    fn read<R>(&self, read: impl FnOnce(&Html) -> R) -> R {
        read(&parse(self))
    }
}

impl Page for String {
    fn read<R>(&self, read: impl FnOnce(&Html) -> R) -> R {
        self.as_str().read(read)
    }
}

impl<T: Page + ?Sized> Page for &T {
    fn read<R>(&self, read: impl FnOnce(&Html) -> R) -> R {
        (**self).read(read)
    }
}

/// Parses a page (to read it several times without parsing it again).
pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

/// A CSS selector (panics on a malformed one: a test bug).
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid selector {css:?}: {e:?}"))
}

/// The text of every element matching `css`, with its whitespace collapsed to single spaces.
pub fn texts(page: &(impl Page + ?Sized), css: &str) -> Vec<String> {
    let selector = selector(css);
    page.read(|document| {
        document
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    })
}

/// The text of the first element matching `css` ("" when none does).
pub fn text(page: &(impl Page + ?Sized), css: &str) -> String {
    texts(page, css).into_iter().next().unwrap_or_default()
}

/// Whether some element matches `css`.
pub fn exists(page: &(impl Page + ?Sized), css: &str) -> bool {
    let selector = selector(css);
    page.read(|document| document.select(&selector).next().is_some())
}

/// The attribute `name` of the first element matching `css` (None when no element matches or
/// the first one lacks the attribute).
pub fn attr(page: &(impl Page + ?Sized), css: &str, name: &str) -> Option<String> {
    let selector = selector(css);
    page.read(|document| {
        document
            .select(&selector)
            .next()
            .and_then(|e| e.value().attr(name))
            .map(str::to_owned)
    })
}

/// The attribute `name` of every element matching `css` that has it.
pub fn attrs(page: &(impl Page + ?Sized), css: &str, name: &str) -> Vec<String> {
    let selector = selector(css);
    page.read(|document| {
        document
            .select(&selector)
            .filter_map(|e| e.value().attr(name).map(str::to_owned))
            .collect()
    })
}

/// The CSRF token of the first form on the page.
pub fn csrf_token(page: &(impl Page + ?Sized)) -> String {
    attr(page, "input[name=csrf_token]", "value").expect("a form with a CSRF token")
}

/// The error shown beside the input `id` (its `#{id}-error` element), if any.
pub fn field_error(page: &(impl Page + ?Sized), id: &str) -> Vec<String> {
    texts(page, &format!("#{id}-error"))
}

/// Every named text input and select of the form matching `form`, with its current value
/// (what a browser would post if nothing were changed; file inputs excluded).
pub fn form_values(page: &(impl Page + ?Sized), form: &str) -> Vec<(String, String)> {
    let form_sel = selector(form);
    let input_sel = selector("input[name], select[name]");
    let option_sel = selector("option[selected]");
    page.read(|document| {
        let Some(form) = document.select(&form_sel).next() else {
            return Vec::new();
        };
        form.select(&input_sel)
            .filter_map(|e| {
                let name = e.value().attr("name")?.to_owned();
                match (e.value().name(), e.value().attr("type")) {
                    (_, Some("file")) => None,
                    (_, Some("radio" | "checkbox")) if e.value().attr("checked").is_none() => None,
                    ("select", _) => Some((
                        name,
                        e.select(&option_sel)
                            .next()
                            .and_then(|o| o.value().attr("value"))
                            .unwrap_or("")
                            .to_owned(),
                    )),
                    _ => Some((name, e.value().attr("value").unwrap_or("").to_owned())),
                }
            })
            .collect()
    })
}

/// The `Location` header of a redirect.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_owned()
}
