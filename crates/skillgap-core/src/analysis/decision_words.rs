//! The decision in words: the closest-fit sentence, the "DevOps or SRE?"
//! sentence, the deciding skills and what to rate next, all phrased from
//! one [`Decision`]. Nothing here decides: a rule lives in
//! [`crate::model::decision`], a sentence here, so either can change alone.

use crate::model::{
    Call, Confidence, DecidingSkill, Decision, Direction, Path, RateNext, Reason, RoleEvidence,
    RoleFit, Verdict, short,
};
use crate::model::{RatingState, Role};
use crate::text::and_list;
use crate::text::{num, pct};

/// A role's short name ("SRE", "Platform Engineer") from the profiles.
fn short_of(roles: &[Role], id: &str) -> String {
    roles
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_string(), short)
}

fn title_of(fits: &[RoleFit], id: &str) -> String {
    fits.iter()
        .find(|f| f.id == id)
        .map_or_else(|| id.to_string(), |f| f.title.clone())
}

/// "CI/CD 5, Infrastructure as Code 4" — reasons with their ratings, and
/// "(needs 4)" when short.
fn rated_list(reasons: &[&Reason], max: usize) -> String {
    let v: Vec<String> = reasons
        .iter()
        .take(max)
        .map(|r| match r.rating {
            Some(v) if r.met => format!("{} {}", r.name, num(v)),
            Some(v) => format!("{} {} (needs {})", r.name, num(v), r.required),
            None => format!("{} (not rated)", r.name),
        })
        .collect();
    and_list(&v)
}

fn refs(v: &[Reason]) -> Vec<&Reason> {
    v.iter().collect()
}

/// What `role` asks of `skill`: (level, weight).
fn requirement(roles: &[Role], role: &str, skill: &str) -> Option<(u8, u8)> {
    roles
        .iter()
        .find(|r| r.id == role)
        .and_then(|r| r.requirements.iter().find(|q| q.skill == skill))
        .map(|q| (q.level, q.weight))
}

/// The deciding skills between `lead` and `other`: each side's defining
/// skills rated at level, each favouring its own side (a skill argues only
/// for the role it defines), the lead's first.
pub fn deciding(d: &Decision, lead: &str, other: &str, roles: &[Role]) -> Vec<DecidingSkill> {
    let req = |role: &str, skill: &str| requirement(roles, role, skill);
    let (sl, so) = (short_of(roles, lead), short_of(roles, other));
    let mut out = Vec::new();
    for (side, sign) in [(lead, 1.0), (other, -1.0)] {
        let Some(e) = d.evidence_of(side) else {
            continue;
        };
        for x in e.defining.iter().filter(|x| x.met()) {
            let (ql, qo) = (req(lead, &x.skill), req(other, &x.skill));
            out.push(DecidingSkill {
                skill: x.skill.clone(),
                name: x.name.clone(),
                rating: x.rating,
                best_required: ql.map(|q| q.0),
                runner_up_required: qo.map(|q| q.0),
                best_weight: ql.map(|q| q.1),
                runner_up_weight: qo.map(|q| q.1),
                effect: sign * f64::from(x.weight),
                favours: side.into(),
                favours_name: short_of(roles, side),
                needs: crate::model::needs_text(ql, qo, &sl, &so),
            });
        }
    }
    out
}

/// `rate_next` with its "why" in words: what each role asks of the skill.
pub fn rate_next_words(items: &[RateNext], pair: &[&str], roles: &[Role]) -> Vec<RateNext> {
    let req = |role: &str, skill: &str| requirement(roles, role, skill);
    items
        .iter()
        .map(|t| {
            let why = match pair {
                [a, b] => crate::model::needs_text(
                    req(a, &t.skill),
                    req(b, &t.skill),
                    &short_of(roles, a),
                    &short_of(roles, b),
                ),
                _ => {
                    let who: Vec<String> = roles
                        .iter()
                        .filter(|r| crate::model::defining_of(r).any(|q| q.skill == t.skill))
                        .filter_map(|r| {
                            req(&r.id, &t.skill).map(|(l, _)| format!("{} needs {l}", short(r)))
                        })
                        .collect();
                    format!("defines {}", who.join("; "))
                }
            };
            RateNext { why, ..t.clone() }
        })
        .collect()
}

/// The closest-fit answer as page 1, the text summary and the JSON tell it.
pub fn direction(d: &Decision, fits: &[RoleFit], roles: &[Role]) -> Option<Direction> {
    let first = fits.first()?;
    let lead = d
        .role
        .clone()
        .unwrap_or_else(|| d.plan_role.clone().unwrap_or_else(|| first.id.clone()));
    let runner = d
        .runner_up
        .clone()
        .or_else(|| fits.iter().find(|f| f.id != lead).map(|f| f.id.clone()));
    let ev = |id: &str| {
        d.evidence_of(id)
            .map(RoleEvidence::reasons)
            .unwrap_or_default()
    };
    let met = |v: &[Reason]| v.iter().filter(|r| r.met).cloned().collect::<Vec<_>>();
    let call = match (fits.len(), d.call) {
        (1, Verdict::Named) => Call::Single,
        (_, Verdict::Named) => Call::Named,
        (_, Verdict::TooClose) => Call::TooClose,
        (_, Verdict::NotEnough) => Call::NotEnough,
        (_, Verdict::TooEarly) => Call::TooEarly,
    };
    let tips: Vec<String> = d.rate_next.iter().take(3).map(|t| t.name.clone()).collect();
    let summary = match d.call {
        Verdict::Named => named_summary(d, fits, roles, &lead),
        Verdict::TooClose => {
            let b = runner.clone().unwrap_or_default();
            let (ma, mb) = (met(&ev(&lead)), met(&ev(&b)));
            let mut s = format!(
                "{} or {}: you show what defines each about equally — {} for {}, {} for {}.",
                title_of(fits, &lead),
                title_of(fits, &b),
                rated_list(&refs(&ma), 3),
                short_of(roles, &lead),
                rated_list(&refs(&mb), 3),
                short_of(roles, &b),
            );
            if tips.is_empty() {
                s.push_str(" Either could fit: your interest decides.");
            } else {
                s.push_str(&format!(" Rating {} would tip it.", and_list(&tips)));
            }
            s
        }
        Verdict::NotEnough => format!(
            "Not enough ratings to name a role yet: no role has enough of what defines it \
             rated, and met, to judge. {}",
            if tips.is_empty() {
                "Rate more of your skills to decide.".to_string()
            } else {
                format!("Rate {} next to decide.", and_list(&tips))
            }
        ),
        Verdict::TooEarly => "Too early to choose a direction: most of your ratings are 1–2, \
             and every role starts from the same base. Build that base first (the plan does); \
             the direction shows once it is at working level (3)."
            .to_string(),
    };
    let deciding = match (d.call, &runner) {
        (Verdict::Named | Verdict::TooClose, Some(o)) => deciding(d, &lead, o, roles),
        _ => vec![],
    };
    let pair: Vec<&str> = match d.call {
        Verdict::NotEnough => vec![],
        _ => [Some(lead.as_str()), runner.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
    };
    let rate_next = rate_next_words(&d.rate_next, &pair, roles);
    Some(Direction {
        best: lead.clone(),
        runner_up: runner,
        call,
        confidence: d.confidence,
        summary,
        deciding,
        rate_next,
    })
}

/// "Closest fit: …" with what shows it, what is short, core gaps,
/// readiness and what is not rated or not asked of what defines it.
fn named_summary(d: &Decision, fits: &[RoleFit], roles: &[Role], lead: &str) -> String {
    let Some(first) = fits.first() else {
        return String::new();
    };
    let ev = |id: &str| {
        d.evidence_of(id)
            .map(RoleEvidence::reasons)
            .unwrap_or_default()
    };
    let f = fits.iter().find(|f| f.id == lead).unwrap_or(first);
    let mine = ev(lead);
    let shown: Vec<&Reason> = mine.iter().filter(|r| r.met).collect();
    let short: Vec<&Reason> = mine.iter().filter(|r| !r.met).collect();
    let mut s = format!(
        "Closest fit: {} at {}%{}. What defines it is what you show most: {}.",
        f.title,
        pct(f.fit),
        based_on(f),
        rated_list(&shown, 4)
    );
    // A higher fit elsewhere reads as a contradiction unless said:
    // the fit measures level, what defines a role names it.
    let higher: Vec<String> = fits
        .iter()
        .filter(|o| o.id != f.id && o.judged && pct(o.fit) > pct(f.fit))
        .map(|o| format!("{} {}%", short_of(roles, &o.id), pct(o.fit)))
        .collect();
    if !higher.is_empty() {
        s.push_str(&format!(
            " ({} fit{} more of what you rated, but what defines {} is not what you show most.)",
            and_list(&higher),
            if higher.len() == 1 { "s" } else { "" },
            if higher.len() == 1 { "it" } else { "them" }
        ));
    }
    if !short.is_empty() {
        s.push_str(&format!(" Still short: {}.", rated_list(&short, 3)));
    }
    // Core gaps beyond the defining skills belong in the answer too.
    let core: Vec<String> = f
        .gaps
        .iter()
        .filter(|g| g.rated && g.weight >= 3 && g.gap >= 1.0)
        .filter(|g| !short.iter().any(|r| r.skill == g.skill))
        .take(3)
        .map(|g| {
            format!(
                "{} {} (needs {})",
                g.name,
                g.rating.map_or_else(String::new, num),
                g.required
            )
        })
        .collect();
    if !core.is_empty() {
        s.push_str(&format!(" Core skills still short: {}.", and_list(&core)));
    }
    if d.ready {
        s.push_str(" You could do this role at mid level today.");
    }
    // What defines it without a rating: left blank, or never asked.
    let unrated = |asked: bool| -> Vec<String> {
        d.evidence_of(lead)
            .map(|e| {
                e.defining
                    .iter()
                    .filter(|x| x.rating.is_none() && !x.supporting)
                    .filter(|x| (x.state == RatingState::NotAsked) != asked)
                    .map(|x| x.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (blank, unasked) = (unrated(true), unrated(false));
    if !blank.is_empty() {
        s.push_str(&format!(
            " Not rated yet: {}; rating {} would make it surer.",
            and_list(&blank),
            if blank.len() == 1 { "it" } else { "them" }
        ));
    }
    if !unasked.is_empty() {
        s.push_str(&format!(
            " Not in this survey: {}; adding {} would make it surer.",
            and_list(&unasked),
            if unasked.len() == 1 { "it" } else { "them" }
        ));
    }
    s
}

/// " (on the 14 of its 26 requirements you rated)" when not all were rated.
fn based_on(f: &RoleFit) -> String {
    if f.rated >= f.required {
        String::new()
    } else {
        format!(
            " (on the {} of its {} requirements you rated)",
            f.rated, f.required
        )
    }
}

/// The reasons of role `id` in the decision's evidence: those met, or
/// those short (`met` false).
fn reasons_of(d: &Decision, id: &str, met: bool) -> Vec<Reason> {
    d.evidence_of(id)
        .map(RoleEvidence::reasons)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.met == met)
        .collect()
}

/// The "DevOps or SRE?" answer in one sentence.
pub fn path_sentence(
    d: &Decision,
    roles: &[Role],
    names: &dyn Fn(&str) -> String,
) -> (Call, Option<String>, String, Confidence) {
    let Some(p) = &d.devops_or_sre else {
        return (Call::NotEnough, None, String::new(), Confidence::Low);
    };
    let (ds, ss) = (short_of(roles, "devops"), short_of(roles, "sre"));
    let tips: Vec<String> = p.rate_next.iter().take(3).map(|t| t.name.clone()).collect();
    let (call, answer) = match p.answer {
        Path::Devops => (Call::Named, Some("devops".to_string())),
        Path::Sre => (Call::Named, Some("sre".to_string())),
        Path::Either => (Call::Either, None),
        Path::TooClose => (Call::TooClose, None),
        Path::NotEnough => (Call::NotEnough, None),
        Path::TooEarly => (Call::TooEarly, None),
    };
    let sentence = match p.answer {
        Path::Devops => named_path_sentence(d, roles, (&ds, "devops"), (&ss, "sre")),
        Path::Sre => named_path_sentence(d, roles, (&ss, "sre"), (&ds, "devops")),
        Path::Either => format!(
            "Either fits — your interest decides: you show what defines {ss} ({}) and {ds} ({}).",
            rated_list(&refs(&reasons_of(d, "sre", true)), 3),
            rated_list(&refs(&reasons_of(d, "devops", true)), 3)
        ),
        Path::TooClose => format!(
            "Too close to call on what you rated{}.",
            if tips.is_empty() {
                String::new()
            } else {
                format!(": rating {} would tip it", and_list(&tips))
            }
        ),
        Path::NotEnough => format!(
            "Not enough ratings to say yet: rate {} to decide.",
            if tips.is_empty() {
                "what defines each".to_string()
            } else {
                and_list(&tips)
            }
        ),
        Path::TooEarly => format!(
            "Too early to choose: {ds} and {ss} start from the same base ({}). Build it to \
             working level first.",
            and_list(&shared_base(roles, names))
        ),
    };
    (call, answer, sentence, p.confidence)
}

/// The sentence when one side is named: `(me, mine)` is its short name
/// and role id, `(other, theirs)` the other side's.
fn named_path_sentence(
    d: &Decision,
    roles: &[Role],
    (me, mine): (&str, &str),
    (other, theirs): (&str, &str),
) -> String {
    let shown = reasons_of(d, mine, true);
    let mine_short = reasons_of(d, mine, false);
    let mut s = if !shown.is_empty() {
        format!(
            "Go {me}: you show what defines it — {}",
            rated_list(&refs(&shown), 3)
        )
    } else if let Some(named) = d.named().filter(|n| *n != mine) {
        // A specialism of the delivery side (Platform, Cloud,
        // DevSecOps): its work is DevOps work.
        let mut s = format!(
            "Go {me} rather than {other}: {} work is delivery work, on the {me} side",
            short_of(roles, named)
        );
        if !mine_short.is_empty() {
            s.push_str(&format!(
                "; its delivery core is your next step — {}",
                rated_list(&refs(&mine_short), 3)
            ));
        }
        s
    } else if mine_short.is_empty() {
        // No role named yet: a lean, from what the other lacks.
        format!("Lean {me} for now — rate what defines {me} to confirm it")
    } else {
        format!(
            "Lean {me} for now — what defines it is still short too: {}",
            rated_list(&refs(&mine_short), 3)
        )
    };
    let low = reasons_of(d, theirs, false);
    if !low.is_empty() {
        s.push_str(&format!(
            "; what defines {other} is not there yet — {}",
            rated_list(&refs(&low), 3)
        ));
    } else if reasons_of(d, theirs, true).is_empty() {
        s.push_str(&format!("; what defines {other} is not in your ratings"));
    }
    s.push('.');
    s
}

/// The skills DevOps and SRE both weigh as core or important: the base
/// both paths start from.
fn shared_base(roles: &[Role], names: &dyn Fn(&str) -> String) -> Vec<String> {
    let find = |id: &str| roles.iter().find(|r| r.id == id);
    let (Some(d), Some(s)) = (find("devops"), find("sre")) else {
        return vec![];
    };
    d.requirements
        .iter()
        .filter(|q| q.weight >= 2)
        .filter(|q| {
            s.requirements
                .iter()
                .any(|o| o.skill == q.skill && o.weight >= 2)
        })
        .map(|q| names(&q.skill))
        .collect()
}

/// Whether a rate-next item was asked but left blank.
pub fn left_blank(t: &RateNext) -> bool {
    t.state != RatingState::NotAsked
}
