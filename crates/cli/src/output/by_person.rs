//! A plan about several people (a reconcile) for people to read: grouped by person, each
//! change marked like Terraform does (`+` create, `~` change, `-` remove, `!` left alone),
//! then `Plan: 3 to add, 1 to change, 2 to remove.`

use std::fmt::Write;

use usermgmt::{Action, Plan, Step};

use super::sanitize;

/// The mark of one step.
fn mark(action: &Action) -> char {
    match action {
        Action::Create { .. } | Action::Onboard { .. } => '+',
        Action::SetAccess { .. } => '~',
        Action::Delete { .. } | Action::Disable { .. } | Action::Offboard { .. } => '-',
        _ => '!',
    }
}

/// The plan grouped by person, and the summary line.
pub(crate) fn render(plan: &Plan) -> String {
    let mut text = String::new();
    let mut groups: Vec<(String, Vec<&Step>)> = Vec::new();
    for step in &plan.steps {
        let who = plan
            .person_of(step)
            .map(|p| p.email().to_string())
            .or_else(|| step.before.as_ref().and_then(|b| b.user.email.clone()))
            .unwrap_or_else(|| "(no email)".to_string());
        match groups.last_mut() {
            Some((last, steps)) if *last == who => steps.push(step),
            _ => groups.push((who, vec![step])),
        }
    }
    for (who, steps) in &groups {
        let marks: Vec<char> = steps.iter().map(|s| mark(&s.action)).collect();
        let person_mark = match marks.iter().filter(|m| **m != '!').collect::<Vec<_>>()[..] {
            [] => '!',
            ref changed if changed.iter().all(|m| **m == '+') => '+',
            ref changed if changed.iter().all(|m| **m == '-') => '-',
            _ => '~',
        };
        let _ = writeln!(text, "{person_mark} {}", sanitize(who));
        for step in steps {
            let _ = writeln!(
                text,
                "    {} {}",
                mark(&step.action),
                sanitize(&step.to_string())
            );
        }
    }
    if !groups.is_empty() {
        text.push('\n');
    }
    let _ = writeln!(text, "{}", summary(plan));
    text
}

/// `Plan: 3 to add, 1 to change, 2 to remove.` (steps, not people).
pub(crate) fn summary(plan: &Plan) -> String {
    let count = |m: char| plan.steps.iter().filter(|s| mark(&s.action) == m).count();
    let left = count('!');
    let mut line = format!(
        "Plan: {} to add, {} to change, {} to remove.",
        count('+'),
        count('~'),
        count('-')
    );
    if left > 0 {
        let _ = write!(line, " {left} left alone.");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use usermgmt::{Access, Person, PlanKind, Provider};

    fn step(email: &str, provider: Provider, action: Action) -> Step {
        Step {
            provider,
            action,
            before: None,
            person: Some(Person::new(email).unwrap()),
        }
    }

    #[test]
    fn steps_are_grouped_by_person_with_marks_and_a_summary() {
        let mut plan = Plan::about_many(PlanKind::Reconcile);
        let role = |r: &str| Access::AxiomRole { role: r.into() };
        plan.steps = vec![
            step(
                "alan@acme.example",
                Provider::Axiom,
                Action::Delete {
                    id: "u1".into(),
                    email: "alan@acme.example".into(),
                },
            ),
            step(
                "barbara@acme.example",
                Provider::Axiom,
                Action::Create {
                    email: "barbara@acme.example".into(),
                    name: None,
                    first_name: None,
                    last_name: None,
                    access: role("user"),
                },
            ),
            step(
                "grace@acme.example",
                Provider::Axiom,
                Action::SetAccess {
                    id: "u3".into(),
                    email: "grace@acme.example".into(),
                    access: role("user"),
                },
            ),
            step(
                "grace@acme.example",
                Provider::Paradime,
                Action::Disable {
                    id: "p3".into(),
                    email: "grace@acme.example".into(),
                },
            ),
            step(
                "zed@acme.example",
                Provider::Paradime,
                Action::Skip {
                    reason: "excluded \u{1b}[31m".into(),
                },
            ),
        ];
        let text = render(&plan);
        assert!(text.starts_with("- alan@acme.example\n    - delete Axiom user alan@acme.example (id u1)\n+ barbara@acme.example\n"), "{text}");
        assert!(
            text.contains("~ grace@acme.example\n    ~ give Axiom user"),
            "{text}"
        );
        assert!(
            text.contains("    - disable Paradime user grace@acme.example"),
            "{text}"
        );
        assert!(
            !text.contains('\u{1b}'),
            "provider data is sanitized: {text:?}"
        );
        assert!(
            text.ends_with("\nPlan: 1 to add, 1 to change, 2 to remove. 1 left alone.\n"),
            "{text}"
        );
    }

    #[test]
    fn an_empty_plan_is_only_the_summary() {
        let plan = Plan::about_many(PlanKind::Reconcile);
        assert_eq!(render(&plan), "Plan: 0 to add, 0 to change, 0 to remove.\n");
    }
}
