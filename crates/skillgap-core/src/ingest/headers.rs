//! What a column holds, from the words of its header: "What is your
//! name?", "Employee Name", "Self rating (1-5)", "Score /5", "Proficiency
//! level". A header means a role when it holds one of the role's key words
//! and every other word is one that such headers use, so a skill column
//! such as "DNS name resolution" is never taken for a name.

use super::column_role::ColumnRole;
use super::profile::ProfileField;

/// Header text for matching: case, spaces, `_`, `-` and a BOM ignored.
pub(crate) fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_end_matches([':', '*'])
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

struct Rule {
    meaning: ColumnRole,
    /// At least one of these words.
    key: &'static [&'static str],
    /// Words that may appear besides the key words (and numbers).
    also: &'static [&'static str],
}

/// Words of questions in general: "What is your …?", "Please enter the …".
const COMMON: &[&str] = &[
    "what", "is", "your", "the", "of", "a", "an", "please", "enter", "type", "you", "are", "do",
    "my", "in", "on", "for", "s", "optional", "required", "here", "this", "and", "to",
];

/// Tried in order: ratings before skills ("Skill level" is a rating),
/// skills before people ("Skill name" is a skill), first and last names
/// before whole names.
const RULES: &[Rule] = &[
    Rule {
        meaning: ColumnRole::Email,
        key: &[
            "messagerie",
            "courriel",
            "correo",
            "emailadres",
            "mailadres",
            "emailadresse",
            "mailadresse",
            "email",
            "mail",
            "emailaddress",
        ],
        also: &[
            "primary",
            "adresse",
            "adres",
            "dirección",
            "direccion",
            "electrónico",
            "electronico",
            "de",
            "geschäftliche",
            "dienstliche",
            "professionnelle",
            "zakelijk",
            "werk",
            "trabajo",
            "du",
            "van",
            "address",
            "work",
            "contact",
            "e",
            "company",
            "corporate",
        ],
    },
    Rule {
        meaning: ColumnRole::Interest,
        key: &["interest", "interested", "motivation", "grow", "learn"],
        also: &[
            "level", "learning", "growing", "want", "wants", "how", "much", "would", "like",
            "more", "it", "skill", "this", "about",
        ],
    },
    Rule {
        meaning: ColumnRole::Rater,
        key: &[
            "bewerter",
            "beoordelaar",
            "évaluateur",
            "evaluateur",
            "evaluador",
            "beurteiler",
            "rater",
            "assessor",
            "reviewer",
            "rated",
            "raters",
        ],
        also: &[
            "door", "par", "von", "por", "role", "by", "who", "type", "name",
        ],
    },
    Rule {
        meaning: ColumnRole::Rating,
        key: &[
            "niveau",
            "stufe",
            "bewertung",
            "einstufung",
            "nivel",
            "puntuación",
            "puntuacion",
            "beoordeling",
            "kenntnisstand",
            "beheersing",
            "maîtrise",
            "maitrise",
            "dominio",
            "rating",
            "level",
            "score",
            "proficiency",
            "grade",
            "mark",
            "selfrating",
            "selfassessment",
            "rate",
            "ratings",
            "competence",
        ],
        also: &[
            "de",
            "du",
            "van",
            "der",
            "des",
            "la",
            "le",
            "self",
            "own",
            "current",
            "skill",
            "out",
            "from",
            "scale",
            "number",
            "value",
            "overall",
            "how",
            "good",
            "at",
            "it",
            "experience",
            "assessment",
            "assessed",
            "proficiency",
            "level",
            "max",
            "points",
            "rated",
            "yourself",
            "would",
        ],
    },
    Rule {
        meaning: ColumnRole::Skill,
        key: &[
            "fähigkeit",
            "fähigkeiten",
            "kompetenz",
            "kompetenzen",
            "compétence",
            "compétences",
            "vaardigheid",
            "vaardigheden",
            "competentie",
            "competenties",
            "habilidad",
            "habilidades",
            "competencia",
            "technologie",
            "tecnología",
            "tecnologia",
            "thema",
            "onderwerp",
            "skill",
            "skills",
            "competency",
            "technology",
            "technologies",
            "tech",
            "tool",
            "tools",
            "topic",
            "capability",
            "expertise",
            "subject",
            "area",
        ],
        also: &[
            "naam",
            "nom",
            "nombre",
            "name",
            "area",
            "which",
            "question",
            "item",
            "tech",
            "knowledge",
        ],
    },
    Rule {
        meaning: ColumnRole::FirstName,
        key: &[
            "vorname",
            "prénom",
            "prenom",
            "voornaam",
            "roepnaam",
            "first",
            "given",
            "forename",
            "firstname",
            "givenname",
        ],
        also: &["name", "names"],
    },
    Rule {
        meaning: ColumnRole::LastName,
        key: &[
            "nachname",
            "familienname",
            "achternaam",
            "apellido",
            "apellidos",
            "famille",
            "last",
            "surname",
            "family",
            "lastname",
            "familyname",
        ],
        also: &["nom", "de", "name", "names"],
    },
    Rule {
        meaning: ColumnRole::EmployeeId,
        key: &[
            "personalnummer",
            "matricule",
            "personeelsnummer",
            "mitarbeiternummer",
            "nummer",
            "número",
            "numero",
            "legajo",
            "id",
            "employeeid",
            "number",
            "no",
            "staffid",
            "empid",
            "badge",
        ],
        also: &[
            "user",
            "mitarbeiter",
            "medewerker",
            "employé",
            "empleado",
            "de",
            "van",
            "du",
            "employee",
            "staff",
            "personnel",
            "worker",
            "payroll",
            "hr",
            "emp",
        ],
    },
    Rule {
        meaning: ColumnRole::Profile(ProfileField::TargetRole),
        key: &[
            "target",
            "targetrole",
            "desired",
            "aspiration",
            "aspired",
            "aspirational",
            "goal",
            "career",
            "next",
        ],
        also: &["role", "position", "job", "path", "title", "track", "step"],
    },
    Rule {
        meaning: ColumnRole::Profile(ProfileField::Title),
        key: &[
            "funktion",
            "stellenbezeichnung",
            "berufsbezeichnung",
            "jobtitel",
            "poste",
            "intitulé",
            "fonction",
            "functie",
            "functietitel",
            "functienaam",
            "puesto",
            "cargo",
            "stelle",
            "title",
            "jobtitle",
            "position",
            "designation",
            "role",
            "job",
        ],
        also: &[
            "de", "du", "van", "job", "current", "official", "business", "hr", "present",
        ],
    },
    Rule {
        meaning: ColumnRole::Profile(ProfileField::Department),
        key: &[
            "abteilung",
            "département",
            "departement",
            "service",
            "afdeling",
            "departamento",
            "bereich",
            "organisationseinheit",
            "department",
            "dept",
            "division",
            "businessunit",
            "unit",
            "organisation",
            "organization",
            "org",
        ],
        also: &[
            "supervisory",
            "organisational",
            "organizational",
            "centro",
            "de",
            "coste",
            "kostenstelle",
            "business",
            "name",
            "cost",
            "centre",
            "center",
            "sub",
            "home",
        ],
    },
    Rule {
        meaning: ColumnRole::Profile(ProfileField::Team),
        key: &["team", "squad", "tribe"],
        also: &["name", "sub", "home", "current", "which"],
    },
    Rule {
        meaning: ColumnRole::Profile(ProfileField::Manager),
        key: &[
            "vorgesetzter",
            "vorgesetzte",
            "führungskraft",
            "responsable",
            "leidinggevende",
            "gerente",
            "jefe",
            "manager",
            "teamleiter",
            "manager",
            "supervisor",
            "reports",
            "boss",
            "lead",
        ],
        also: &[
            "hiérarchique",
            "hierarchique",
            "direct",
            "directe",
            "directo",
            "n",
            "1",
            "de",
            "du",
            "line",
            "direct",
            "name",
            "team",
            "people",
            "to",
            "reporting",
            "directly",
            "email",
            "s",
            "who",
        ],
    },
    // The cloud a person works in: "Primary cloud", "Which cloud do you use
    // most?", "Cloud provider you work with". A bare "Cloud" or "Cloud
    // provider" column is a rating of the skill, so the header must also
    // ask which one (see `CLOUD_CHOICE`).
    Rule {
        meaning: ColumnRole::Profile(ProfileField::Cloud),
        key: &["cloud", "hyperscaler"],
        also: &[
            "primary",
            "main",
            "preferred",
            "which",
            "home",
            "own",
            "provider",
            "platform",
            "do",
            "use",
            "mostly",
            "most",
            "work",
            "works",
            "with",
            "we",
            "our",
            "company",
            "team",
            "used",
            "current",
            "currently",
        ],
    },
    Rule {
        meaning: ColumnRole::Profile(ProfileField::Location),
        key: &[
            "standort",
            "ort",
            "lieu",
            "localisation",
            "locatie",
            "vestiging",
            "ubicación",
            "ubicacion",
            "sede",
            "oficina",
            "arbeitsort",
            "werkplek",
            "bureau",
            "pays",
            "land",
            "país",
            "location",
            "office",
            "site",
            "city",
            "country",
            "region",
            "workplace",
        ],
        also: &[
            "de", "du", "van", "trabajo", "work", "name", "based", "home", "primary", "base",
            "which", "where",
        ],
    },
    Rule {
        meaning: ColumnRole::Person,
        key: &[
            "worker",
            "medewerker",
            "mitarbeiter",
            "mitarbeiterin",
            "nom",
            "naam",
            "nombre",
            "empleado",
            "empleada",
            "collaborateur",
            "collaboratrice",
            "salarié",
            "salarie",
            "employé",
            "employe",
            "werknemer",
            "teilnehmer",
            "deelnemer",
            "participante",
            "colaborador",
            "mitglied",
            "persoon",
            "personne",
            "persona",
            "name",
            "employee",
            "participant",
            "respondent",
            "person",
            "who",
            "member",
            "staff",
            "colleague",
            "fullname",
            "engineer",
        ],
        also: &[
            "complet",
            "volledige",
            "vollständiger",
            "vollstandiger",
            "completo",
            "y",
            "et",
            "und",
            "en",
            "prénom",
            "prenom",
            "voornaam",
            "vorname",
            "apellidos",
            "achternaam",
            "nachname",
            "de",
            "du",
            "van",
            "des",
            "der",
            "full",
            "display",
            "preferred",
            "team",
            "first",
            "last",
            "surname",
            "names",
            "id",
        ],
    },
    Rule {
        meaning: ColumnRole::Date,
        key: &[
            "updated",
            "modified",
            "datum",
            "änderung",
            "aenderung",
            "modification",
            "fecha",
            "gewijzigd",
            "bijgewerkt",
            "aktualisiert",
            "mis",
            "actualización",
            "actualizacion",
            "bewertet",
            "beoordeeld",
            "évalué",
            "evalue",
            "évaluation",
            "evaluacion",
            "evaluación",
            "date",
            "timestamp",
            "when",
            "submitted",
            "submission",
            "completed",
            "assessed",
        ],
        also: &[
            "last",
            "letzte",
            "letzten",
            "laatst",
            "laatste",
            "dernière",
            "derniere",
            "última",
            "ultima",
            "skill",
            "de",
            "du",
            "der",
            "van",
            "la",
            "le",
            "à",
            "jour",
            "am",
            "op",
            "el",
            "time",
            "assessment",
            "at",
            "response",
            "rating",
            "day",
            "completion",
            "survey",
            "form",
        ],
    },
    Rule {
        meaning: ColumnRole::Notes,
        key: &[
            "opmerkingen",
            "opmerking",
            "bemerkungen",
            "bemerkung",
            "kommentar",
            "kommentare",
            "commentaires",
            "commentaire",
            "comentarios",
            "comentario",
            "toelichting",
            "anmerkungen",
            "notes",
            "note",
            "comment",
            "comments",
            "evidence",
            "remarks",
            "remark",
            "explanation",
            "details",
        ],
        also: &[
            "autres",
            "weitere",
            "overige",
            "otros",
            "any",
            "other",
            "additional",
            "further",
            "example",
            "examples",
        ],
    },
];

/// Lower-case words of a header; "e-mail" is one word, brackets and
/// punctuation separate words.
pub(crate) fn words(header: &str) -> Vec<String> {
    // "Employee #" (BambooHR) is a number, not a name.
    let lower = header
        .to_lowercase()
        .replace("e-mail", "email")
        .replace('#', " number ");
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The role a header's words name, if any.
pub(crate) fn meaning(header: &str) -> Option<ColumnRole> {
    let words = words(header);
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let is_number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let first_and_last = words.iter().any(|w| w == "first") && words.iter().any(|w| w == "last");
    RULES
        .iter()
        .filter(|r| {
            !(first_and_last && matches!(r.meaning, ColumnRole::FirstName | ColumnRole::LastName))
        })
        .filter(|r| {
            r.meaning != ColumnRole::Profile(ProfileField::Cloud)
                || words.iter().any(|w| CLOUD_CHOICE.contains(&w.as_str()))
        })
        .find(|r| {
            words.iter().any(|w| r.key.contains(&w.as_str()))
                && words.iter().all(|w| {
                    r.key.contains(&w.as_str())
                        || r.also.contains(&w.as_str())
                        || COMMON.contains(&w.as_str())
                        || is_number(w)
                })
        })
        .map(|r| r.meaning)
}

/// Words that make a cloud header ask which cloud, not how well: without
/// one, "Cloud" and "Cloud provider" are skills to rate.
const CLOUD_CHOICE: &[&str] = &[
    "primary",
    "main",
    "preferred",
    "which",
    "home",
    "own",
    "current",
    "currently",
    "hyperscaler",
];

/// Words of a header about the person rather than a skill: a count of
/// years, an age, a salary. Such a column holds numbers that would
/// otherwise pass for ratings.
const NOT_SKILL: &[&str] = &[
    "years",
    "year",
    "yrs",
    "jahre",
    "jahren",
    "ans",
    "années",
    "annees",
    "jaren",
    "jaar",
    "años",
    "anos",
    "age",
    "alter",
    "âge",
    "leeftijd",
    "edad",
    "tenure",
    "salary",
    "gehalt",
    "salaire",
    "salario",
    "salaris",
    "betriebszugehörigkeit",
    "ancienneté",
    "anciennete",
    "antigüedad",
    "antiguedad",
    "dienstjaren",
];

/// True when a header is about the person, not a skill ("Years in
/// industry", "Jahre Berufserfahrung", "Âge").
pub(crate) fn not_a_skill(header: &str) -> bool {
    let words = words(header);
    words.iter().any(|w| NOT_SKILL.contains(&w.as_str()))
        || words.windows(2).any(|p| {
            matches!(
                (p[0].as_str(), p[1].as_str()),
                ("how", "many") | ("how", "long") | ("number", "of")
            )
        })
}

/// Words of a question about wanting to grow in a skill rather than
/// rating it, in the header languages.
const INTEREST: &[&str] = &[
    "interested",
    "interest",
    "grow",
    "growing",
    "learn",
    "learning",
    "develop",
    "improve",
    "interessiert",
    "interesse",
    "lernen",
    "weiterentwickeln",
    "vertiefen",
    "intéressé",
    "intéressée",
    "interesse",
    "apprendre",
    "progresser",
    "développer",
    "geïnteresseerd",
    "geinteresseerd",
    "leren",
    "groeien",
    "ontwikkelen",
    "interesado",
    "interesada",
    "interés",
    "interes",
    "aprender",
    "crecer",
    "desarrollar",
    "motivation",
    "motivated",
];

/// True when the question of a grid ("How interested are you in growing
/// this? [Kubernetes]") asks about interest, not level.
pub(crate) fn is_interest_question(question: &str) -> bool {
    words(question)
        .iter()
        .any(|w| INTEREST.contains(&w.as_str()))
}

/// A numeric range a header declares: "(1-5)", "0–10", "/10", "out of 10",
/// "1 to 7". Returns (low, high) with low < high.
pub(crate) fn declared_range(header: &str) -> Option<(f64, f64)> {
    let h = header.to_lowercase();
    let numbers: Vec<(usize, usize, f64)> = number_spans(&h);
    // "a-b", "a–b", "a to b"
    for pair in numbers.windows(2) {
        let [(_, a_end, lo), (b_start, _, hi)] = pair else {
            continue;
        };
        let between = h.get(*a_end..*b_start).unwrap_or("").trim();
        if matches!(between, "-" | "–" | "—" | "to" | "..") && lo < hi {
            return Some((*lo, *hi));
        }
    }
    // "/10", "out of 10"
    for &(start, _, hi) in &numbers {
        let before = h.get(..start).unwrap_or("").trim_end();
        if (before.ends_with('/') || before.ends_with("out of")) && hi > 0.0 {
            return Some((0.0, hi));
        }
    }
    None
}

fn number_spans(text: &str) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if let Some(n) = text.get(start..i).and_then(|t| t.parse::<f64>().ok()) {
                out.push((start, i, n));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `header` without a declared range in brackets: "Kubernetes (1-10)" →
/// "Kubernetes".
pub(crate) fn without_range(header: &str) -> &str {
    let t = header.trim();
    if let Some(open) = t.rfind('(')
        && t.ends_with(')')
        && declared_range(t.get(open..).unwrap_or("")).is_some()
    {
        return t.get(..open).unwrap_or(t).trim_end();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_spaces_and_bom() {
        assert_eq!(normalize("\u{feff}Skill Name"), "skillname");
        assert_eq!(normalize(" Self_Rating "), "selfrating");
        assert_eq!(normalize("E-mail"), "email");
        assert_eq!(normalize("Assessed on:"), "assessedon");
    }

    #[test]
    fn people_headers_as_forms_write_them() {
        for h in [
            "Your name",
            "Employee Name",
            "What is your name?",
            "Name (First Last)",
            "Participant",
            "Respondent",
            "Full name",
            "Team member",
        ] {
            assert_eq!(meaning(h), Some(ColumnRole::Person), "{h}");
        }
        assert_eq!(meaning("First name"), Some(ColumnRole::FirstName));
        assert_eq!(meaning("Last Name"), Some(ColumnRole::LastName));
        assert_eq!(meaning("Surname"), Some(ColumnRole::LastName));
        assert_eq!(meaning("E-mail address"), Some(ColumnRole::Email));
        assert_eq!(meaning("Work email"), Some(ColumnRole::Email));
    }

    #[test]
    fn rating_and_skill_headers() {
        for h in [
            "Rating (0-5)",
            "Self rating (1-5)",
            "Your rating",
            "Level (0–5)",
            "Proficiency level",
            "Score /5",
            "Skill level",
        ] {
            assert_eq!(meaning(h), Some(ColumnRole::Rating), "{h}");
        }
        for h in ["Skill", "Skill name", "Technology", "Tool", "Skill area"] {
            assert_eq!(meaning(h), Some(ColumnRole::Skill), "{h}");
        }
        assert_eq!(meaning("Rated by"), Some(ColumnRole::Rater));
        assert_eq!(meaning("Interest in learning"), Some(ColumnRole::Interest));
        assert_eq!(meaning("Date of assessment"), Some(ColumnRole::Date));
        assert_eq!(meaning("Any other comments"), Some(ColumnRole::Notes));
    }

    #[test]
    fn skill_columns_are_not_taken_for_roles() {
        for h in [
            "DNS name resolution",
            "Kubernetes",
            "Prometheus & Grafana",
            "On-call / incident management",
            "Site reliability engineering",
            "Release engineering",
            "How would you rate your skills? [Kubernetes]",
        ] {
            assert_eq!(meaning(h), None, "{h}");
        }
    }

    #[test]
    fn hr_columns_as_exports_write_them() {
        use ProfileField::*;
        for (h, f) in [
            ("Job title", Title),
            ("Job Title", Title),
            ("Current role", Title),
            ("Position", Title),
            ("Target role", TargetRole),
            ("Career goal", TargetRole),
            ("Desired position", TargetRole),
            ("Department", Department),
            ("Business unit", Department),
            ("Division", Department),
            ("Team", Team),
            ("Team name", Team),
            ("Squad", Team),
            ("Manager", Manager),
            ("Line manager", Manager),
            ("Reports to", Manager),
            ("Manager name", Manager),
            ("Team lead", Manager),
            ("Location", Location),
            ("Office", Location),
            ("Work location", Location),
            ("Country", Location),
            ("What is your job title?", Title),
            ("Which team are you in?", Team),
            ("Who is your manager?", Manager),
            ("Which office are you based in?", Location),
            ("Primary cloud", Cloud),
            ("Which cloud do you use most?", Cloud),
            ("Main cloud provider", Cloud),
            ("Current cloud platform", Cloud),
            ("Your team's hyperscaler", Cloud),
        ] {
            assert_eq!(meaning(h), Some(ColumnRole::Profile(f)), "{h}");
        }
        // Without asking which one, a cloud header is a skill to rate.
        for h in [
            "Cloud",
            "Cloud provider",
            "Cloud platform",
            "Cloud (AWS/Azure/GCP)",
            "How would you rate your skills? [Cloud]",
            "Which cloud platforms have you used? [AWS]",
        ] {
            assert_ne!(meaning(h), Some(ColumnRole::Profile(Cloud)), "{h}");
        }
        for h in ["Employee ID", "Employee number", "Staff ID"] {
            assert_eq!(meaning(h), Some(ColumnRole::EmployeeId), "{h}");
        }
        // Still people, not teams or ids.
        for h in ["Team member", "Employee Name", "Full name"] {
            assert_eq!(meaning(h), Some(ColumnRole::Person), "{h}");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(declared_range("Rating (0-5)"), Some((0.0, 5.0)));
        assert_eq!(declared_range("Self rating (1–10)"), Some((1.0, 10.0)));
        assert_eq!(declared_range("Score /10"), Some((0.0, 10.0)));
        assert_eq!(declared_range("Score out of 7"), Some((0.0, 7.0)));
        assert_eq!(declared_range("Level 1 to 4"), Some((1.0, 4.0)));
        assert_eq!(declared_range("Rating"), None);
        assert_eq!(declared_range("5-1"), None);
        assert_eq!(without_range("Kubernetes (1-10)"), "Kubernetes");
        assert_eq!(without_range("Cloud (AWS)"), "Cloud (AWS)");
    }
}
