//! The embedded templates: they parse, they are consistent, and the
//! learning catalogue covers every skill a role asks for.

use crate::common::catalog;
use skillgap::catalog::{Catalog, TemplateFiles};

#[test]
fn every_embedded_template_parses_and_validates() {
    let c = catalog();
    assert!(c.skills.len() >= 40, "{} skills", c.skills.len());
    let ids: Vec<&str> = c.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["devops", "sre", "platform", "cloud", "devsecops"]);
    assert!(c.resources.len() >= 100);
}

#[test]
fn every_benchmark_skill_name_matches_a_catalogue_skill() {
    let c = catalog();
    let names = include_str!("fixtures/bench-skill-names.txt");
    let mut unmatched = Vec::new();
    for name in names.lines().filter(|l| !l.trim().is_empty()) {
        if c.matcher.find(name).is_none() {
            unmatched.push(name);
        }
    }
    assert!(unmatched.is_empty(), "unmatched: {unmatched:?}");
    assert_eq!(c.matcher.find("K8s"), Some("kubernetes"));
    assert_eq!(c.matcher.find("IaC"), Some("iac"));
    assert_eq!(c.matcher.find("CI-CD"), Some("cicd"));
    assert_eq!(c.matcher.find("cicd"), Some("cicd"));
}

#[test]
fn lookups_take_a_typed_id_or_a_str() {
    let c = catalog();
    let sre = c.role_by_id("sre").expect("built-in sre role");
    // A requirement's typed SkillId finds its skill; the role's own RoleId
    // finds the role again: one lookup serves both kinds of caller.
    let q = &sre.requirements[0];
    assert_eq!(c.skill(&q.skill).map(|s| &s.id), Some(&q.skill));
    assert_eq!(c.role_by_id(&sre.id).map(|r| &r.id), Some(&sre.id));
    assert!(c.by_id.contains_key(q.skill.as_str()));
    // A skill id is no role id, and an unknown id finds nothing.
    assert!(c.role_by_id(q.skill.as_str()).is_none());
    assert!(c.skill("no-such-skill").is_none());
}

#[test]
fn sre_and_devops_are_siblings_on_a_shared_base() {
    let c = catalog();
    let devops = c.role("devops").unwrap();
    let sre = c.role("Site Reliability Engineer").unwrap();
    // Siblings, not a sequence: SRE lists the shared base itself.
    assert_eq!(sre.extends, None);
    for base in [
        "cloud",
        "cicd",
        "containers",
        "iac",
        "scripting",
        "monitoring",
        "troubleshooting",
    ] {
        let (d, s) = (
            devops.requirements.iter().find(|q| q.skill == base),
            sre.requirements.iter().find(|q| q.skill == base),
        );
        assert!(d.is_some() && s.is_some(), "{base} is not shared");
        // SRE does the DevOps duties at working level at least.
        assert!(s.unwrap().level >= 3, "{base}");
    }
    // What defines each is its own: no defining skill of one defines the other.
    let defining = |r: &skillgap::model::Role| -> Vec<String> {
        r.requirements
            .iter()
            .filter(|q| q.defining)
            .map(|q| q.skill.to_string())
            .collect()
    };
    let (d, s) = (defining(devops), defining(sre));
    assert_eq!(d, ["cicd", "iac", "automation"]);
    for skill in ["incident-response", "slos", "postmortems", "programming"] {
        assert!(s.contains(&skill.to_string()), "{skill} defines SRE");
    }
    assert!(d.iter().all(|x| !s.contains(x)), "{d:?} / {s:?}");
    // A specialism names its base; DevSecOps inherits DevOps's requirements
    // but not what defines DevOps.
    for id in ["platform", "cloud", "devsecops"] {
        assert_eq!(c.role(id).unwrap().base.as_deref(), Some("devops"), "{id}");
    }
    let devsecops = c.role("devsecops").unwrap();
    assert!(
        devsecops
            .requirements
            .iter()
            .filter(|q| q.defining)
            .all(|q| !d.iter().any(|x| *x == q.skill))
    );
    for extra in [
        "incident-response",
        "postmortems",
        "slos",
        "apm",
        "toil-reduction",
        "capacity-planning",
        "backup-dr",
    ] {
        assert!(
            sre.requirements.iter().any(|r| r.skill == extra),
            "SRE lacks {extra}"
        );
        assert!(
            !devops.requirements.iter().any(|r| r.skill == extra),
            "DevOps has {extra}"
        );
    }
    let monitoring = |r: &skillgap::model::Role| {
        r.requirements
            .iter()
            .find(|q| q.skill == "monitoring")
            .unwrap()
            .level
    };
    assert!(monitoring(sre) > monitoring(devops));
    // Programming: DevOps asks for a little beyond scripting, SRE for real code.
    let level = |r: &skillgap::model::Role, s: &str| {
        r.requirements
            .iter()
            .find(|q| q.skill == s)
            .map(|q| q.level)
    };
    assert_eq!(level(devops, "programming"), Some(2));
    assert_eq!(level(sre, "programming"), Some(3));
}

/// Every skill a role or senior profile requires can be learnt by doing
/// from 0 to 4 (to 5 where a profile asks it), and every entry can be
/// reached by some plan; checked here independently of `rules`.
#[test]
fn every_required_skill_has_a_hands_on_path_and_every_entry_a_plan() {
    use skillgap::model::LearningClass;
    let c = catalog();
    let profiles: Vec<&skillgap::model::Role> = c.roles.iter().chain(&c.senior).collect();
    let mut asked: std::collections::BTreeMap<&str, u8> = Default::default();
    for q in profiles.iter().flat_map(|r| &r.requirements) {
        let top = asked.entry(q.skill.as_str()).or_default();
        *top = (*top).max(q.level);
    }
    for (skill, level) in &asked {
        for l in 0..(*level).max(4) {
            assert!(
                c.resources.iter().any(|r| {
                    r.kind.class() == LearningClass::HandsOn
                        && (r.skill == *skill || r.counts_for.iter().any(|x| x == skill))
                        && r.from <= l
                        && l < r.to
                }),
                "{skill}: nothing hands-on moves someone from level {l}"
            );
        }
    }
    for r in &c.resources {
        assert!(
            asked.contains_key(r.skill.as_str())
                || r.counts_for.iter().any(|x| asked.contains_key(x.as_str())),
            "{}: no plan can reach it",
            r.id
        );
    }
    assert!(skillgap::catalog::rules::missing_hands_on_paths(&c.resources, &profiles).is_empty());
    assert!(skillgap::catalog::rules::unreachable(&c.resources, &profiles).is_empty());
}

#[test]
fn learning_entries_are_complete_and_sane() {
    let c = catalog();
    for r in &c.resources {
        assert!(
            !r.title.trim().is_empty() && !r.provider.trim().is_empty(),
            "{}",
            r.id
        );
        assert!((1..=200).contains(&r.hours), "{}: {} h", r.id, r.hours);
        assert!(r.from < r.to && r.to <= 5, "{}", r.id);
        if let Some(u) = &r.url {
            assert!(
                u.starts_with("https://") || u.starts_with("http://"),
                "{}: {u}",
                r.id
            );
        }
        for q in &r.requires {
            assert!(
                c.by_id.contains_key(q.as_str()),
                "{} requires unknown {q}",
                r.id
            );
        }
    }
}

fn with_file(rel: &str, text: &str) -> TemplateFiles {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let mut files = TemplateFiles::embedded();
    files.overlay(dir.path()).unwrap();
    files
}

fn load_err(rel: &str, text: &str) -> String {
    Catalog::from_files(&with_file(rel, text))
        .unwrap_err()
        .to_string()
}

#[test]
fn broken_user_templates_name_file_line_and_key() {
    let e = load_err(
        "roles/devops.toml",
        "id = \"devops\"\ntitle = \"DevOps\"\n[[requirement]]\nskill = \"cicd\"\nlevel = \"high\"\nweight = 3\n",
    );
    assert!(e.contains("devops.toml:5:"), "{e}");
    let e = load_err(
        "roles/x.toml",
        "id = \"x\"\ntitle = \"X\"\n[[requirement]]\nskill = \"kubernetis\"\nlevel = 3\nweight = 3\n",
    );
    assert!(e.contains("x.toml") && e.contains("kubernetis"), "{e}");
    let e = load_err(
        "roles/x.toml",
        "id = \"x\"\ntitle = \"X\"\n[[requirement]]\nskill = \"cicd\"\nlevel = 7\nweight = 3\n",
    );
    assert!(e.contains("level = 7"), "{e}");
    let e = load_err(
        "roles/x.toml",
        "id = \"x\"\ntitle = \"X\"\n[[requirement]]\nskill = \"cicd\"\nlevel = 3\nweight = 9\n",
    );
    assert!(e.contains("weight = 9"), "{e}");
    let e = load_err(
        "roles/x.toml",
        "id = \"x\"\ntitle = \"X\"\nextends = \"y\"\n",
    );
    assert!(e.contains("extends"), "{e}");
    let e = load_err("roles/x.toml", "id = \"sre\"\ntitle = \"Dup\"\n");
    assert!(e.contains("already defined"), "{e}");
}

#[test]
fn extends_cycles_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("roles")).unwrap();
    std::fs::write(
        dir.path().join("roles/a.toml"),
        "id = \"a\"\ntitle = \"A\"\nextends = \"b\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roles/b.toml"),
        "id = \"b\"\ntitle = \"B\"\nextends = \"a\"\n",
    )
    .unwrap();
    let mut files = TemplateFiles::embedded();
    files.overlay(dir.path()).unwrap();
    let e = Catalog::from_files(&files).unwrap_err().to_string();
    assert!(e.contains("cycle"), "{e}");
}

#[test]
fn prerequisite_cycles_are_refused() {
    let text = "[[resource]]\nid = \"a1\"\nskill = \"containers\"\nkind = \"docs\"\ntitle = \"A\"\nprovider = \"P\"\nhours = 5\nfrom = 0\nto = 2\nrequires = [\"orchestration\"]\n";
    let e = load_err("learning/zz-extra.toml", text);
    assert!(e.contains("cycle"), "{e}");
}

#[test]
fn duplicate_skill_aliases_are_refused() {
    let e = load_err(
        "skills.toml",
        "categories = [\"C\"]\n[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"C\"\nkind = \"concept\"\naliases = [\"x\"]\n[[skill]]\nid = \"b\"\nname = \"B\"\ncategory = \"C\"\nkind = \"concept\"\naliases = [\"X\"]\n",
    );
    assert!(e.contains("\"X\"") || e.contains("\"x\""), "{e}");
}
