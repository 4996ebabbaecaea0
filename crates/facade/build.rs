//! Names for the provider-feature combinations the code branches on, so a `cfg` reads
//! `cfg(any_provider)` instead of repeating a five-feature `any(...)`.

fn main() {
    let on = |feature: &str| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_some();
    let cfgs = [
        // At least one provider is compiled in (else `Backend` has no variants).
        (
            "any_provider",
            ["AXIOM", "ADVERITY", "PARADIME", "MODELPRIME", "AXOLO"].as_slice(),
        ),
        // A progenitor-generated (REST) client is compiled in.
        (
            "rest_provider",
            &["AXIOM", "ADVERITY", "MODELPRIME", "AXOLO"],
        ),
        // A provider that lists users (all but Axolo) is compiled in.
        (
            "listing_provider",
            &["AXIOM", "ADVERITY", "PARADIME", "MODELPRIME"],
        ),
    ];
    for (name, features) in cfgs {
        println!("cargo::rustc-check-cfg=cfg({name})");
        if features.iter().any(|f| on(f)) {
            println!("cargo::rustc-cfg={name}");
        }
    }
}
