//! Deterministic identifiers that look like the real ones (UUIDs, 64-hex uids, Auth0 ids).
//!
//! Every id is a pure function of a tag and a number (or an email), so a seed always
//! produces the same ids and synthetic users cost one hash each.

/// SplitMix64's finaliser: a cheap, well-spread 64-bit mix.
pub(crate) fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of a string: turns an email into a stable number for [`uuid`] and [`hex64`].
pub(crate) fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// A version-4-shaped UUID (`xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx`) derived from `tag` and `n`.
pub(crate) fn uuid(tag: u64, n: u64) -> String {
    let hi = mix(tag ^ mix(n));
    let lo = mix(hi ^ n.rotate_left(17));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFF,
        0x8000 | ((lo >> 48) & 0x3FFF),
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// 64 lowercase hex characters (Paradime's uid shape) derived from `tag` and `n`.
pub(crate) fn hex64(tag: u64, n: u64) -> String {
    let mut state = mix(tag ^ mix(n));
    let mut out = String::with_capacity(64);
    for _ in 0..4 {
        state = mix(state);
        out.push_str(&format!("{state:016x}"));
    }
    out
}

/// 32 lowercase hex characters, for trace ids.
pub(crate) fn hex32(tag: u64, n: u64) -> String {
    let a = mix(tag ^ mix(n));
    format!("{a:016x}{:016x}", mix(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_well_formed() {
        assert_eq!(uuid(1, 2), uuid(1, 2));
        assert_ne!(uuid(1, 2), uuid(1, 3));
        let u = uuid(7, 42);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        let h = hex64(3, fnv("ada@acme.example"));
        assert_eq!(h.len(), 64);
        assert!(
            h.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(hex32(1, 1).len(), 32);
    }
}
