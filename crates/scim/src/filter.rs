//! SCIM filters (RFC 7644 section 3.4.2.2) and PATCH paths (section 3.5.2): parsing
//! and evaluation against a resource's JSON.
//!
//! Written by hand rather than taken from the `scim-filter` crate (0.2.3), which
//! compares strings case-sensitively where RFC 7643 section 2.1 makes `caseExact`
//! false the default, and looks attribute names up case-sensitively.
//!
//! Hostile input is bounded: filters longer than [`MAX_LEN`] bytes or nested deeper
//! than [`MAX_DEPTH`] are refused, and no input panics.

use serde_json::Value;

/// The longest filter accepted, in bytes.
pub const MAX_LEN: usize = 4096;
/// The deepest nesting of parentheses, brackets and `not` accepted.
pub const MAX_DEPTH: usize = 32;

/// A parsed filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// `path op value`, like `userName eq "ada@acme.example"`.
    Compare {
        /// The attribute compared.
        path: AttrPath,
        /// The operator.
        op: CompareOp,
        /// The value compared with: a string, number, boolean or null.
        value: Value,
    },
    /// `path pr`: the attribute has a value.
    Present(AttrPath),
    /// Both hold.
    And(Box<Filter>, Box<Filter>),
    /// Either holds.
    Or(Box<Filter>, Box<Filter>),
    /// `not (...)`.
    Not(Box<Filter>),
    /// `emails[type eq "work"]`: some element of a multi-valued attribute satisfies the
    /// inner filter (whose paths are relative to the element). `emails[type eq
    /// "work"].value eq "x"` parses to this with the inner filter `type eq "work" and
    /// value eq "x"`: one element must satisfy both.
    ValuePath {
        /// The multi-valued attribute.
        attribute: AttrPath,
        /// What one of its elements must satisfy.
        filter: Box<Filter>,
    },
}

/// An attribute path: an optional schema URN, an attribute and an optional
/// sub-attribute (`urn:ietf:params:scim:schemas:core:2.0:User:name.givenName`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrPath {
    /// The schema URN, when the path names one.
    pub uri: Option<String>,
    /// The attribute.
    pub attribute: String,
    /// The sub-attribute, after a dot.
    pub sub_attribute: Option<String>,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `eq`
    Eq,
    /// `ne`
    Ne,
    /// `co` (contains)
    Co,
    /// `sw` (starts with)
    Sw,
    /// `ew` (ends with)
    Ew,
    /// `gt`
    Gt,
    /// `ge`
    Ge,
    /// `lt`
    Lt,
    /// `le`
    Le,
}

/// Why a filter or path does not parse, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason} at position {position}")]
pub struct FilterError {
    reason: String,
    position: usize,
}

fn error<T>(reason: impl Into<String>, position: usize) -> Result<T, FilterError> {
    Err(FilterError {
        reason: reason.into(),
        position,
    })
}

/// A PATCH path (RFC 7644 section 3.5.2): `attr`, `attr.sub`, `attr[filter]` or
/// `attr[filter].sub`, each with an optional schema URN.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchPath {
    /// The attribute (with its sub-attribute when written `attr.sub`).
    pub attribute: AttrPath,
    /// The filter selecting elements of a multi-valued attribute.
    pub filter: Option<Filter>,
    /// The sub-attribute after `]`.
    pub sub_attribute: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Word(String),
    Text(String),
    Number(Value),
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | ':' | '.')
}

/// The tokens of `input`, each with its byte position.
fn tokens(input: &str) -> Result<Vec<(Token, usize)>, FilterError> {
    if input.len() > MAX_LEN {
        return error(
            format!("the filter is longer than {MAX_LEN} bytes"),
            MAX_LEN,
        );
    }
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '[' | ']' => {
                chars.next();
                out.push((
                    match c {
                        '(' => Token::Open,
                        ')' => Token::Close,
                        '[' => Token::OpenBracket,
                        _ => Token::CloseBracket,
                    },
                    at,
                ));
            }
            '"' => {
                // A JSON string: find its closing quote, then let serde_json unescape it.
                chars.next();
                let mut escaped = false;
                let mut end = None;
                for (i, c) in chars.by_ref() {
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else {
                    return error("unterminated string", at);
                };
                let text: String = serde_json::from_str(&input[at..=end])
                    .or_else(|_| error("invalid escape in string", at))?;
                out.push((Token::Text(text), at));
            }
            c if is_word_char(c) || c == '+' => {
                let mut end = at;
                while let Some(&(i, c)) = chars.peek() {
                    if !(is_word_char(c) || c == '+') {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                let word = &input[at..end];
                let number = word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
                match serde_json::from_str::<serde_json::Number>(word.trim_start_matches('+')) {
                    Ok(n) if number => out.push((Token::Number(Value::Number(n)), at)),
                    _ if number => return error(format!("`{word}` is not a number"), at),
                    _ => out.push((Token::Word(word.to_string()), at)),
                }
            }
            other => return error(format!("unexpected character `{other}`"), at),
        }
    }
    Ok(out)
}

/// Read `text` (`urn:...:attr.sub` or `attr.sub`) as a path.
fn attr_path(text: &str, at: usize) -> Result<AttrPath, FilterError> {
    let (uri, rest) = if text.len() > 4 && text[..4].eq_ignore_ascii_case("urn:") {
        match text.rsplit_once(':') {
            Some((uri, rest)) => (Some(uri.to_string()), rest),
            None => (None, text),
        }
    } else {
        (None, text)
    };
    let (attribute, sub) = match rest.split_once('.') {
        Some((a, s)) => (a, Some(s)),
        None => (rest, None),
    };
    let valid = |name: &str| {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$'))
    };
    if !valid(attribute) || sub.is_some_and(|s| !valid(s)) {
        return error(format!("`{text}` is not an attribute path"), at);
    }
    Ok(AttrPath {
        uri,
        attribute: attribute.to_string(),
        sub_attribute: sub.map(str::to_string),
    })
}

fn operator(word: &str) -> Option<Result<CompareOp, ()>> {
    Some(Ok(match word.to_ascii_lowercase().as_str() {
        "eq" => CompareOp::Eq,
        "ne" => CompareOp::Ne,
        "co" => CompareOp::Co,
        "sw" => CompareOp::Sw,
        "ew" => CompareOp::Ew,
        "gt" => CompareOp::Gt,
        "ge" => CompareOp::Ge,
        "lt" => CompareOp::Lt,
        "le" => CompareOp::Le,
        "pr" => return Some(Err(())),
        _ => return None,
    }))
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn position(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |(_, at)| *at)
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.next).map(|(t, _)| t.clone());
        self.next += 1;
        token
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn deeper(&mut self) -> Result<(), FilterError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return error(
                format!("the filter nests deeper than {MAX_DEPTH}"),
                self.position(),
            );
        }
        Ok(())
    }

    fn expect(&mut self, token: Token, what: &str) -> Result<(), FilterError> {
        if self.peek() == Some(&token) {
            self.next += 1;
            Ok(())
        } else {
            error(format!("expected {what}"), self.position())
        }
    }

    fn or(&mut self) -> Result<Filter, FilterError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.next += 1;
            left = Filter::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, FilterError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.next += 1;
            left = Filter::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter, FilterError> {
        if self.keyword("not") {
            self.next += 1;
            if self.peek() != Some(&Token::Open) {
                return error("expected `(` after `not`", self.position());
            }
            return Ok(Filter::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Token::Open) {
            self.next += 1;
            self.deeper()?;
            let inner = self.or()?;
            self.depth -= 1;
            self.expect(Token::Close, "`)`")?;
            return Ok(inner);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Filter, FilterError> {
        let at = self.position();
        let path = match self.bump() {
            Some(Token::Word(word)) => attr_path(&word, at)?,
            None => return error("expected an attribute", at),
            Some(_) => return error("expected an attribute", at),
        };
        if self.peek() == Some(&Token::OpenBracket) {
            self.next += 1;
            self.deeper()?;
            let mut inner = self.or()?;
            self.depth -= 1;
            self.expect(Token::CloseBracket, "`]`")?;
            let sub_at = self.position();
            if let Some(Token::Word(word)) = self.peek().cloned()
                && let Some(sub) = word.strip_prefix('.')
            {
                self.next += 1;
                let sub = attr_path(sub, sub_at)?;
                inner = Filter::And(Box::new(inner), Box::new(self.operation(sub, &word)?));
            }
            return Ok(Filter::ValuePath {
                attribute: path,
                filter: Box::new(inner),
            });
        }
        let name = match (&path.uri, &path.sub_attribute) {
            (_, Some(sub)) => format!("{}.{sub}", path.attribute),
            _ => path.attribute.clone(),
        };
        self.operation(path, &name)
    }

    fn operation(&mut self, path: AttrPath, name: &str) -> Result<Filter, FilterError> {
        let at = self.position();
        let op = match self.bump() {
            Some(Token::Word(word)) => operator(&word),
            _ => None,
        };
        let op = match op {
            Some(Ok(op)) => op,
            Some(Err(())) => return Ok(Filter::Present(path)),
            None => {
                return error(format!("expected a comparison operator after `{name}`"), at);
            }
        };
        let at = self.position();
        let value = match self.bump() {
            Some(Token::Text(text)) => Value::String(text),
            Some(Token::Number(number)) => number,
            Some(Token::Word(word)) => match word.to_ascii_lowercase().as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" => Value::Null,
                _ => return error(format!("`{word}` is not a value: quote strings"), at),
            },
            _ => return error("expected a value", at),
        };
        Ok(Filter::Compare { path, op, value })
    }
}

impl Filter {
    /// Parse `input`.
    ///
    /// ```
    /// use usermgmt_scim::filter::Filter;
    /// use serde_json::json;
    ///
    /// let filter = Filter::parse(r#"userName eq "ADA@acme.example" and active eq true"#)?;
    /// let ada = json!({"userName": "ada@acme.example", "active": true});
    /// assert!(filter.matches(&ada, &|_| false));
    /// assert!(Filter::parse("userName eq").is_err());
    /// # Ok::<(), usermgmt_scim::filter::FilterError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Filter, FilterError> {
        let tokens = tokens(input)?;
        if tokens.is_empty() {
            return error("the filter is empty", 0);
        }
        let mut parser = Parser {
            tokens,
            next: 0,
            end: input.len(),
            depth: 0,
        };
        let filter = parser.or()?;
        if parser.peek().is_some() {
            return error("unexpected text after the filter", parser.position());
        }
        Ok(filter)
    }

    /// Whether `resource` satisfies the filter. Attribute names are case-insensitive;
    /// strings too, except where `case_exact` says the attribute is compared exactly.
    /// Mismatched types never match (and never fail).
    pub fn matches(&self, resource: &Value, case_exact: &dyn Fn(&AttrPath) -> bool) -> bool {
        match self {
            Filter::And(a, b) => a.matches(resource, case_exact) && b.matches(resource, case_exact),
            Filter::Or(a, b) => a.matches(resource, case_exact) || b.matches(resource, case_exact),
            Filter::Not(inner) => !inner.matches(resource, case_exact),
            Filter::Present(path) => values(resource, path).into_iter().any(present),
            Filter::ValuePath { attribute, filter } => values(resource, attribute)
                .into_iter()
                .any(|element| filter.matches(element, case_exact)),
            Filter::Compare { path, op, value } => {
                let exact = case_exact(path);
                let found = values(resource, path);
                match op {
                    // `ne` holds where no value is equal, an absent attribute included
                    // (RFC 7644 section 3.4.2.2 defines `ne` as the negation of `eq`).
                    CompareOp::Ne => !found
                        .iter()
                        .any(|v| compare(v, CompareOp::Eq, value, exact)),
                    CompareOp::Eq if value.is_null() => !found.into_iter().any(present),
                    op => found.iter().any(|v| compare(v, *op, value, exact)),
                }
            }
        }
    }
}

/// The value of the key of `object` equal to `name` ignoring case (RFC 7643 section
/// 2.1: attribute names are case-insensitive).
pub(crate) fn field<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    object
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

fn is_core(uri: &str) -> bool {
    uri.to_ascii_lowercase()
        .starts_with("urn:ietf:params:scim:schemas:core:")
}

/// The values `path` names in `resource`; elements of arrays one by one.
fn values<'a>(resource: &'a Value, path: &AttrPath) -> Vec<&'a Value> {
    let container = match &path.uri {
        Some(uri) if !is_core(uri) => field(resource, uri),
        _ => Some(resource),
    };
    let Some(value) = container.and_then(|c| field(c, &path.attribute)) else {
        return Vec::new();
    };
    let elements: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    match &path.sub_attribute {
        None => elements,
        Some(sub) => elements
            .into_iter()
            .filter_map(|e| field(e, sub))
            .flat_map(|v| match v {
                Value::Array(items) => items.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect(),
    }
}

fn present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => true,
    }
}

fn compare(found: &Value, op: CompareOp, wanted: &Value, exact: bool) -> bool {
    use std::cmp::Ordering;
    let ordered = |ordering: Ordering| match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    };
    match (found, wanted) {
        (Value::String(found), Value::String(wanted)) => {
            let (found, wanted) = if exact {
                (found.clone(), wanted.clone())
            } else {
                (found.to_lowercase(), wanted.to_lowercase())
            };
            match op {
                CompareOp::Co => found.contains(&wanted),
                CompareOp::Sw => found.starts_with(&wanted),
                CompareOp::Ew => found.ends_with(&wanted),
                // Date-times in the same RFC 3339 form (as this bridge writes them)
                // order correctly as text.
                _ => ordered(found.cmp(&wanted)),
            }
        }
        (Value::Number(found), Value::Number(wanted)) => match (found.as_f64(), wanted.as_f64()) {
            (Some(f), Some(w)) => f.partial_cmp(&w).is_some_and(ordered),
            _ => false,
        },
        (Value::Bool(found), Value::Bool(wanted)) => match op {
            CompareOp::Eq => found == wanted,
            CompareOp::Ne => found != wanted,
            _ => false,
        },
        _ => false,
    }
}

impl PatchPath {
    /// Parse a PATCH operation's `path`.
    ///
    /// ```
    /// use usermgmt_scim::filter::PatchPath;
    /// let path = PatchPath::parse(r#"members[value eq "2819c223"]"#)?;
    /// assert_eq!(path.attribute.attribute, "members");
    /// assert!(path.filter.is_some());
    /// # Ok::<(), usermgmt_scim::filter::FilterError>(())
    /// ```
    pub fn parse(input: &str) -> Result<PatchPath, FilterError> {
        let tokens = tokens(input)?;
        let mut parser = Parser {
            tokens,
            next: 0,
            end: input.len(),
            depth: 0,
        };
        let attribute = match parser.bump() {
            Some(Token::Word(word)) => attr_path(&word, 0)?,
            _ => return error("expected an attribute path", 0),
        };
        let mut path = PatchPath {
            attribute,
            filter: None,
            sub_attribute: None,
        };
        if parser.peek() == Some(&Token::OpenBracket) {
            parser.next += 1;
            parser.deeper()?;
            path.filter = Some(parser.or()?);
            parser.expect(Token::CloseBracket, "`]`")?;
            let at = parser.position();
            if let Some(Token::Word(word)) = parser.peek().cloned() {
                let Some(sub) = word.strip_prefix('.') else {
                    return error("expected `.` and a sub-attribute after `]`", at);
                };
                parser.next += 1;
                let sub = attr_path(sub, at)?;
                if sub.sub_attribute.is_some() {
                    return error("expected one sub-attribute after `]`", at);
                }
                path.sub_attribute = Some(sub.attribute);
            }
        }
        if parser.peek().is_some() {
            return error("unexpected text after the path", parser.position());
        }
        Ok(path)
    }
}

#[cfg(test)]
mod tests;
