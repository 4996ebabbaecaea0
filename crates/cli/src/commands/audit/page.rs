//! The access review as one self-contained HTML page, the evidence an auditor files: no
//! external assets (inline CSS and a few lines of inline JS to sort by a column), every
//! provider-supplied value HTML-escaped. About 280 bytes per person with four providers,
//! so 50,000 people are about 14 MB (a test holds it under 30 MiB).

use std::fmt::Write as _;

use usermgmt::audit::Review;

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}\
h1{font-size:1.4em}table{border-collapse:collapse;margin:1em 0}\
th,td{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}\
#matrix th{background:#eee;cursor:pointer;user-select:none}\
#matrix th[aria-sort=ascending]::after{content:\" \\25B2\"}\
#matrix th[aria-sort=descending]::after{content:\" \\25BC\"}\
tr.f td:last-child{color:#a00;font-weight:600}";

/// Click a header to sort by it (again to reverse); `data-ready` says the script ran.
const SCRIPT: &str = "(function(){var t=document.getElementById('matrix'),h=t.tHead.rows[0].cells,\
c=new Intl.Collator(undefined,{numeric:true});\
function s(i){var b=t.tBodies[0],r=Array.prototype.slice.call(b.rows),\
up=h[i].getAttribute('aria-sort')!=='ascending';\
for(var j=0;j<h.length;j++)h[j].removeAttribute('aria-sort');\
h[i].setAttribute('aria-sort',up?'ascending':'descending');\
r.sort(function(x,y){var d=c.compare(x.cells[i].textContent,y.cells[i].textContent);return up?d:-d});\
var f=document.createDocumentFragment();r.forEach(function(x){f.appendChild(x)});b.appendChild(f)}\
for(var i=0;i<h.length;i++)h[i].addEventListener('click',s.bind(null,i));\
t.setAttribute('data-ready','true')})();";

/// The page for `review`.
pub(super) fn render(review: &Review) -> String {
    let summary = review.summary();
    let date = review.generated_at.format("%Y-%m-%d").to_string();
    let names: Vec<&str> = review.providers.iter().map(|p| p.display_name()).collect();
    let names = names.join(", ");
    let mut page = String::with_capacity(2_048 + review.people.len() * 256);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Access review {date}: {names}</title><style>{STYLE}</style></head><body>\n\
         <h1>Access review {date}</h1>\n<p>Providers read: {names}. Taken {} by usermgmt \
         audit; dormant after {} days; {}.</p>\n<table id=\"summary\"><tbody>\n",
        review.generated_at.format("%Y-%m-%dT%H:%M:%SZ"),
        review.dormant_days,
        if review.with_roster {
            "compared with a roster"
        } else {
            "no roster compared (orphan, missing and differs-from-profile need one)"
        },
    );
    let _ = writeln!(
        page,
        "<tr><th>people</th><td data-count=\"people\">{}</td></tr>",
        summary.people
    );
    for (provider, n) in &summary.accounts {
        let _ = writeln!(
            page,
            "<tr><th>{} accounts</th><td data-count=\"accounts-{}\">{n}</td></tr>",
            provider.display_name(),
            provider.id()
        );
    }
    for (flag, n) in &summary.flags {
        let _ = writeln!(
            page,
            "<tr><th>{flag}</th><td data-count=\"{flag}\">{n}</td></tr>"
        );
    }
    page.push_str("</tbody></table>\n<table id=\"matrix\"><thead><tr><th>email</th><th>name</th>");
    for provider in &review.providers {
        let _ = write!(page, "<th>{}</th>", provider.display_name());
    }
    page.push_str("<th>flags</th></tr></thead><tbody>\n");
    for person in &review.people {
        let flags: Vec<&str> = person.flags().into_iter().map(|f| f.as_str()).collect();
        page.push_str(if flags.is_empty() {
            "<tr>"
        } else {
            "<tr class=\"f\">"
        });
        cell(&mut page, &person.email);
        cell(&mut page, person.name.as_deref().unwrap_or(""));
        for provider in &review.providers {
            cell(&mut page, &person.cell(*provider));
        }
        if person.findings.is_empty() {
            page.push_str("<td></td>");
        } else {
            let why: Vec<&str> = person.findings.iter().map(|f| f.detail.as_str()).collect();
            let _ = write!(
                page,
                "<td title=\"{}\">{}</td>",
                escape(&why.join("\n")),
                flags.join(" ")
            );
        }
        page.push_str("</tr>\n");
    }
    let _ = write!(
        page,
        "</tbody></table>\n<script>{SCRIPT}</script>\n</body></html>\n"
    );
    page
}

fn cell(page: &mut String, text: &str) {
    page.push_str("<td>");
    page.push_str(&escape(text));
    page.push_str("</td>");
}

/// `text` safe in HTML text and in quoted attributes: the five special characters as
/// entities, newlines as `&#10;` (kept in a title), other control characters dropped.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use usermgmt::audit::{AuditOptions, Flag};
    use usermgmt::{AccessLevel, Provider, Roster, RosterEntry, Snapshot, Status, User};

    fn account(provider: Provider, email: &str, name: &str, role: &str) -> Snapshot {
        Snapshot {
            user: User {
                provider,
                id: Some("u1".into()),
                email: Some(email.into()),
                name: Some(name.into()),
                roles: vec![role.into()],
                access: AccessLevel::Member,
                status: Status::Active,
            },
            record: serde_json::json!({}),
        }
    }

    const READ: [Provider; 4] = [
        Provider::Axiom,
        Provider::Adverity,
        Provider::Paradime,
        Provider::ModelPrime,
    ];

    fn review(accounts: Vec<Snapshot>, roster: Option<&Roster>) -> Review {
        Review::build(
            accounts,
            &READ,
            roster,
            &Default::default(),
            &AuditOptions::new(),
        )
        .unwrap()
    }

    #[test]
    fn escape_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>\u{7}\n"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;&#10;"
        );
    }

    #[test]
    fn a_script_in_a_name_or_role_is_escaped_and_never_markup() {
        let page = render(&review(
            vec![account(
                Provider::Axiom,
                "mallory@acme.example",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(2)>",
            )],
            None,
        ));
        assert!(
            page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"),
            "{page}"
        );
        assert!(
            page.contains("&lt;img src=x onerror=alert(2)&gt; (active)"),
            "{page}"
        );
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        assert!(!page.contains("<img"));
    }

    #[test]
    fn the_page_has_the_summary_the_matrix_and_the_sort_script_and_nothing_external() {
        let roster = Roster {
            people: vec![RosterEntry::new("barbara@acme.example", "Barbara Liskov")],
        };
        let review = review(
            vec![
                account(Provider::Axiom, "ada@acme.example", "Ada Lovelace", "owner"),
                account(
                    Provider::Paradime,
                    "ada@acme.example",
                    "Ada Lovelace",
                    "ADMIN",
                ),
            ],
            Some(&roster),
        );
        let page = render(&review);
        let date = review.generated_at.format("%Y-%m-%d").to_string();
        assert!(page.contains(&format!(
            "<title>Access review {date}: Axiom, Adverity, Paradime, Model-Prime</title>"
        )));
        assert!(page.contains("<td data-count=\"people\">2</td>"));
        assert!(page.contains("<td data-count=\"accounts-axiom\">1</td>"));
        assert!(page.contains("<td data-count=\"orphan\">1</td>"));
        assert!(page.contains("<td data-count=\"missing\">1</td>"));
        assert!(
            page.contains(
                "<tr class=\"f\"><td>ada@acme.example</td><td>Ada Lovelace</td>\
             <td>owner (active)</td><td></td><td>ADMIN (active)</td><td></td>\
             <td title=\"has accounts but is not in the roster\">orphan</td></tr>"
            ),
            "{page}"
        );
        assert!(page.contains("data-ready"));
        for external in ["http://", "https://", "src=", "<link", "@import", "url("] {
            assert!(!page.contains(external), "{external} in the page");
        }
        assert!(review.people[1].has(Flag::Missing));
    }

    #[test]
    fn fifty_thousand_people_in_four_providers_stay_under_thirty_mebibytes() {
        let mut accounts = Vec::new();
        for n in 0..50_000 {
            let email = format!("firstname.lastname{n:05}@subsidiary.acme.example");
            let name = format!("Firstname Lastname-{n:05}");
            for (provider, role) in [
                (Provider::Axiom, "read-only"),
                (Provider::Adverity, "group:12"),
                (Provider::Paradime, "DEVELOPER"),
                (Provider::ModelPrime, "developer"),
            ] {
                accounts.push(account(provider, &email, &name, role));
            }
        }
        // Everyone an orphan: every row has a flag and its evidence.
        let roster = Roster {
            people: vec![RosterEntry::new("someone@acme.example", "Someone")],
        };
        let page = render(&review(accounts, Some(&roster)));
        let per_person = page.len() / 50_000;
        assert!(page.len() < 30 * 1024 * 1024, "{} bytes", page.len());
        assert!(per_person < 400, "{per_person} bytes per person");
    }
}
