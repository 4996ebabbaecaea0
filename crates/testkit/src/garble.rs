//! Generated hostile response bodies for decode property tests: random bytes, seed
//! bodies with bytes flipped, inserted, cut or made invalid UTF-8, and seed JSON with
//! values swapped for other types, keys dropped or added, and odd numbers and strings.
//! Deterministic per seed, so a failure reproduces.
//!
//! Hand-written rather than proptest: the shapes worth generating are "almost the
//! provider's answer", which mutating real bodies gives directly, and 100,000 cases per
//! provider must run in seconds in a debug build (no shrinking machinery needed: the
//! case that panics is printed whole).

use serde_json::{Map, Number, Value};

/// A generator of bodies derived from `seeds` (real answers of one provider).
///
/// ```
/// let mut garbler = usermgmt_testkit::Garbler::new(7, &[r#"{"id": 1, "email": "a@b"}"#]);
/// let bodies: Vec<Vec<u8>> = (0..100).map(|_| garbler.body()).collect();
/// assert!(bodies.iter().any(|b| serde_json::from_slice::<serde_json::Value>(b).is_ok()));
/// assert!(bodies.iter().any(|b| serde_json::from_slice::<serde_json::Value>(b).is_err()));
/// ```
#[derive(Debug)]
pub struct Garbler {
    rng: fastrand::Rng,
    raw: Vec<Vec<u8>>,
    values: Vec<Value>,
    keys: Vec<String>,
}

/// Strings that have broken parsers and terminals before.
const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "\u{1b}[2J\u{1b}[H",
    "\u{7}",
    "=HYPERLINK(\"http://evil\")",
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "\u{202e}gnp.exe",
    "👩‍💻",
    "a@b",
    "@",
    "ADMIN",
    "OWNER",
    "SOMETHING_NEW",
];

impl Garbler {
    /// A generator seeded with `seed` mutating `seeds` (which should be valid JSON; an
    /// invalid one is still used for byte-level mutation).
    pub fn new(seed: u64, seeds: &[&str]) -> Self {
        let values: Vec<Value> = seeds
            .iter()
            .filter_map(|s| serde_json::from_str(s).ok())
            .collect();
        let mut keys = Vec::new();
        for value in &values {
            collect_keys(value, &mut keys);
        }
        keys.sort();
        keys.dedup();
        Self {
            rng: fastrand::Rng::with_seed(seed),
            raw: seeds.iter().map(|s| s.as_bytes().to_vec()).collect(),
            values,
            keys,
        }
    }

    /// The next body.
    pub fn body(&mut self) -> Vec<u8> {
        match self.rng.u8(0..8) {
            0 => self.random_bytes(),
            1 | 2 => {
                let raw = self.pick_raw();
                self.mutate_bytes(raw)
            }
            3 => {
                let mut raw = self.pick_raw();
                let cut = self.rng.usize(0..=raw.len());
                raw.truncate(cut);
                raw
            }
            4 | 5 => self.mutated_json(),
            6 => {
                let value = self.random_value(4);
                serde_json::to_vec(&value).unwrap_or_default()
            }
            _ => {
                let raw = self.mutated_json();
                self.mutate_bytes(raw)
            }
        }
    }

    fn pick_raw(&mut self) -> Vec<u8> {
        if self.raw.is_empty() {
            return Vec::new();
        }
        self.raw[self.rng.usize(0..self.raw.len())].clone()
    }

    fn random_bytes(&mut self) -> Vec<u8> {
        let len = self.rng.usize(0..64);
        (0..len).map(|_| self.rng.u8(..)).collect()
    }

    fn mutate_bytes(&mut self, mut raw: Vec<u8>) -> Vec<u8> {
        for _ in 0..self.rng.usize(1..6) {
            let at = self.rng.usize(0..=raw.len());
            match self.rng.u8(0..5) {
                0 if at < raw.len() => raw[at] = self.rng.u8(..),
                1 => raw.insert(at, self.rng.u8(..)),
                2 if at < raw.len() => {
                    raw.remove(at);
                }
                // Invalid UTF-8: a lone continuation byte or a cut two-byte sequence.
                3 => raw.splice(at..at, [0xc3, 0x28]).for_each(drop),
                _ => raw.insert(at, 0xff),
            }
        }
        raw
    }

    fn mutated_json(&mut self) -> Vec<u8> {
        if self.values.is_empty() {
            return self.random_bytes();
        }
        let mut value = self.values[self.rng.usize(0..self.values.len())].clone();
        for _ in 0..self.rng.usize(1..4) {
            self.mutate_value(&mut value, 0);
        }
        serde_json::to_vec(&value).unwrap_or_default()
    }

    /// Change one node somewhere below `value`.
    fn mutate_value(&mut self, value: &mut Value, depth: usize) {
        let descend = depth < 6 && self.rng.u8(0..3) > 0;
        match value {
            Value::Object(map) if descend && !map.is_empty() => {
                let key = map.keys().nth(self.rng.usize(0..map.len())).cloned();
                match (key, self.rng.u8(0..4)) {
                    (Some(key), 0) => {
                        map.remove(&key);
                    }
                    (_, 1) => {
                        let key = self.random_key();
                        let new = self.random_value(2);
                        map.insert(key, new);
                    }
                    (Some(key), _) => {
                        if let Some(child) = map.get_mut(&key) {
                            self.mutate_value(child, depth + 1);
                        }
                    }
                    (None, _) => {}
                }
            }
            Value::Array(items) if descend && !items.is_empty() => {
                let at = self.rng.usize(0..items.len());
                match self.rng.u8(0..4) {
                    0 => {
                        items.remove(at);
                    }
                    1 => {
                        let copy = items[at].clone();
                        items.push(copy);
                    }
                    _ => self.mutate_value(&mut items[at], depth + 1),
                }
            }
            _ => *value = self.random_value(2),
        }
    }

    fn random_key(&mut self) -> String {
        if self.keys.is_empty() || self.rng.u8(0..8) == 0 {
            ODD_STRINGS[self.rng.usize(0..ODD_STRINGS.len())].to_string()
        } else {
            self.keys[self.rng.usize(0..self.keys.len())].clone()
        }
    }

    fn random_value(&mut self, depth: usize) -> Value {
        let top = if depth == 0 { 6 } else { 8 };
        match self.rng.u8(0..top) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.bool()),
            2 => Value::Number(self.random_number()),
            3 => Value::String(ODD_STRINGS[self.rng.usize(0..ODD_STRINGS.len())].to_string()),
            4 => Value::String("x".repeat(self.rng.usize(0..300))),
            5 => Value::String(self.random_key()),
            6 => Value::Array(
                (0..self.rng.usize(0..4))
                    .map(|_| self.random_value(depth - 1))
                    .collect(),
            ),
            _ => {
                let mut map = Map::new();
                for _ in 0..self.rng.usize(0..5) {
                    let key = self.random_key();
                    let value = self.random_value(depth - 1);
                    map.insert(key, value);
                }
                Value::Object(map)
            }
        }
    }

    fn random_number(&mut self) -> Number {
        match self.rng.u8(0..5) {
            0 => Number::from(self.rng.i64(..)),
            1 => Number::from(u64::MAX),
            2 => Number::from(-1),
            3 => Number::from_f64(self.rng.f64() * 1e12).unwrap_or_else(|| Number::from(0)),
            _ => Number::from(self.rng.u32(0..200)),
        }
    }
}

fn collect_keys(value: &Value, keys: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                keys.push(key.clone());
                collect_keys(child, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}
