//! The test browser itself: it opens a page, types into a form and ticks
//! a box. (Submitting is proven against the room's server, in
//! tests/room_browser.rs: a page may not send a form to a `data:` page.)

#![allow(clippy::unwrap_used)]

#[path = "common/browser.rs"]
mod browser;

#[test]
fn the_test_browser_types_into_a_form_and_ticks_a_box() {
    if browser::chromium().is_none() {
        assert!(std::env::var_os("CI").is_none(), "Chromium is needed in CI");
        eprintln!("no Chromium: skipped");
        return;
    }
    let mut b = browser::Browser::start("da");
    let page = "data:text/html;charset=utf-8,<form><textarea id=t name=t></textarea><input type=checkbox id=c><button id=go>Send</button></form><p>hej</p>";
    b.open(page);
    b.type_into("#t", "Bussen kører for sjældent");
    assert_eq!(
        b.eval("document.querySelector('#t').value"),
        serde_json::json!("Bussen kører for sjældent")
    );
    b.click("#c");
    assert_eq!(
        b.eval("document.querySelector('#c').checked"),
        serde_json::json!(true)
    );
    assert!(b.text().contains("hej"), "{}", b.text());
}
