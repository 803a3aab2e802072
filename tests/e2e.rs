#![allow(clippy::unwrap_used, clippy::expect_used)]
mod support;
use support::*;

#[test]
fn explore() {
    let t = Term::spawn::<&str>(&[], 100, 30);
    t.wait_for_text("Le leader", TIMEOUT).unwrap();
    println!("{}", t.screen_text());
    t.send(":50%\r");
    std::thread::sleep(std::time::Duration::from_millis(300));
    println!("{}", t.screen_text());
    t.resize(60,20);
    std::thread::sleep(std::time::Duration::from_millis(300));
    println!("{}", t.screen_text());
    t.send(":50%\r");
    std::thread::sleep(std::time::Duration::from_millis(300));
    println!("{}", t.screen_text());
    println!("{:?}", t.cell(0,13));
    println!("{:?}", t.timeout("x"));
}
