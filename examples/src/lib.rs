//! Examples live in examples/*.rs; run them with `cargo run --release --example NAME`.
