"""A small, fixed lexicon so the grammar tests never depend on the shipped data, plus the shipped conventions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from filedesc.lexicon import Lexicon, lexicon_from_data

CONVENTIONS = Path(__file__).resolve().parents[2] / "src" / "filedesc" / "lexicon" / "conventions.json"

# key, en base/third/gerund, fr inf/third, extra spellings
VERBS: list[tuple[str, str, str, str, str, str, str]] = [
    ("extract", "extract", "extracts", "extracting", "extraire", "extrait", "extr extrai"),
    ("analyse", "analyse", "analyses", "analysing", "analyser", "analyse", "analyze analyzes"),
    ("convert", "convert", "converts", "converting", "convertir", "convertit", "conv"),
    ("get", "get", "gets", "getting", "récupérer", "récupère", "fetch"),
    ("send", "send", "sends", "sending", "envoyer", "envoie", ""),
    ("load", "load", "loads", "loading", "charger", "charge", ""),
    ("save", "save", "saves", "saving", "enregistrer", "enregistre", "sauvegarder sauvegarde"),
    ("create", "create", "creates", "creating", "créer", "crée", "make"),
    ("delete", "delete", "deletes", "deleting", "supprimer", "supprime", "del rm remove"),
    ("update", "update", "updates", "updating", "mettre à jour", "met à jour", "maj"),
    ("parse", "parse", "parses", "parsing", "analyser syntaxiquement", "analyse syntaxiquement", ""),
    ("generate", "generate", "generates", "generating", "générer", "génère", "gen"),
    ("check", "check", "checks", "checking", "vérifier", "vérifie", "verify"),
    ("download", "download", "downloads", "downloading", "télécharger", "télécharge", "dl"),
    ("install", "install", "installs", "installing", "installer", "installe", ""),
    ("upload", "upload", "uploads", "uploading", "téléverser", "téléverse", ""),
    ("clean", "clean", "cleans", "cleaning", "nettoyer", "nettoie", "cleanup"),
    ("calculate", "calculate", "calculates", "calculating", "calculer", "calcule", "calc compute"),
    ("run", "run", "runs", "running", "lancer", "lance", ""),
    ("import", "import", "imports", "importing", "importer", "importe", ""),
    ("export", "export", "exports", "exporting", "exporter", "exporte", ""),
    ("validate", "validate", "validates", "validating", "valider", "valide", ""),
    ("read", "read", "reads", "reading", "lire", "lit", ""),
    ("write", "write", "writes", "writing", "écrire", "écrit", ""),
    ("transform", "transform", "transforms", "transforming", "transformer", "transforme", ""),
    ("merge", "merge", "merges", "merging", "fusionner", "fusionne", ""),
    ("sync", "synchronize", "synchronizes", "synchronizing", "synchroniser", "synchronise", "synchronise"),
    ("push", "push", "pushes", "pushing", "pousser", "pousse", ""),
    ("add", "add", "adds", "adding", "ajouter", "ajoute", ""),
    ("list", "list", "lists", "listing", "lister", "liste", "ls"),
    ("sort", "sort", "sorts", "sorting", "trier", "trie", ""),
    ("log", "log", "logs", "logging", "journaliser", "journalise", ""),
    ("hash", "hash", "hashes", "hashing", "hacher", "hache", ""),
    ("start", "start", "starts", "starting", "démarrer", "démarre", ""),
    ("test", "test", "tests", "testing", "tester", "teste", ""),
    ("backup", "back up", "backs up", "backing up", "sauvegarder", "sauvegarde", ""),
]
INTRANSITIVE = {"run", "start"}

# key, en sg/pl, fr sg/pl, gender, extra spellings, flags
NOUNS: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("window", "window", "windows", "fenêtre", "fenêtres", "f", "win", ""),
    ("event", "event", "events", "événement", "événements", "m", "evt evts", ""),
    ("log", "log", "logs", "log", "logs", "m", "", "keep_en"),
    ("import", "import", "imports", "import", "imports", "m", "", ""),
    ("file", "file", "files", "fichier", "fichiers", "m", "", ""),
    ("user", "user", "users", "utilisateur", "utilisateurs", "m", "usr", ""),
    ("information", "information", "information", "information", "informations", "f", "info infos", "mass"),
    ("email", "email", "emails", "e-mail", "e-mails", "m", "mail mails", ""),
    ("address", "address", "addresses", "adresse", "adresses", "f", "addr", ""),
    ("data", "data", "data", "données", "données", "f", "donnees", "mass"),
    ("configuration", "configuration", "configurations", "configuration", "configurations", "f",
     "config cfg conf", "bare_modifier"),
    ("image", "image", "images", "image", "images", "f", "img", ""),
    ("report", "report", "reports", "rapport", "rapports", "m", "", ""),
    ("invoice", "invoice", "invoices", "facture", "factures", "f", "", ""),
    ("database", "database", "databases", "base de données", "bases de données", "f", "db bdd", ""),
    ("table", "table", "tables", "table", "tables", "f", "", ""),
    ("column", "column", "columns", "colonne", "colonnes", "f", "col", ""),
    ("csv", "CSV", "CSV", "CSV", "CSV", "m", "", "proper"),
    ("json", "JSON", "JSON", "JSON", "JSON", "m", "", "proper"),
    ("xml", "XML", "XML", "XML", "XML", "m", "", "proper"),
    ("pdf", "PDF", "PDF", "PDF", "PDF", "m", "", "proper"),
    ("docker", "Docker", "Docker", "Docker", "Docker", "m", "", "proper"),
    ("github", "GitHub", "GitHub", "GitHub", "GitHub", "m", "", "proper"),
    ("apache", "Apache", "Apache", "Apache", "Apache", "m", "", "proper"),
    ("password", "password", "passwords", "mot de passe", "mots de passe", "m", "pwd passwd", ""),
    ("hash", "hash", "hashes", "hachage", "hachages", "m", "", "h_aspire"),
    ("hierarchy", "hierarchy", "hierarchies", "hiérarchie", "hiérarchies", "f", "", "h_aspire"),
    ("host", "host", "hosts", "hôte", "hôtes", "m", "", ""),
    ("history", "history", "histories", "historique", "historiques", "m", "", ""),
    ("token", "token", "tokens", "token", "tokens", "m", "tok", "keep_en"),
    ("cache", "cache", "caches", "cache", "caches", "m", "", "keep_en"),
    ("session", "session", "sessions", "session", "sessions", "f", "", ""),
    ("list", "list", "lists", "liste", "listes", "f", "", ""),
    ("item", "item", "items", "élément", "éléments", "m", "", ""),
    ("order", "order", "orders", "commande", "commandes", "f", "", ""),
    ("product", "product", "products", "produit", "produits", "m", "prod", ""),
    ("price", "price", "prices", "prix", "prix", "m", "", ""),
    ("cart", "cart", "carts", "panier", "paniers", "m", "", ""),
    ("payment", "payment", "payments", "paiement", "paiements", "m", "", ""),
    ("account", "account", "accounts", "compte", "comptes", "m", "", ""),
    ("setting", "setting", "settings", "paramètre", "paramètres", "m", "", ""),
    ("test", "test", "tests", "test", "tests", "m", "", ""),
    ("integration", "integration", "integrations", "intégration", "intégrations", "f", "", "bare_modifier"),
    ("deployment", "deployment", "deployments", "déploiement", "déploiements", "m", "deploy", "bare_modifier"),
    ("server", "server", "servers", "serveur", "serveurs", "m", "srv", ""),
    ("request", "request", "requests", "requête", "requêtes", "f", "req", ""),
    ("response", "response", "responses", "réponse", "réponses", "f", "resp", ""),
    ("message", "message", "messages", "message", "messages", "m", "msg", ""),
    ("notification", "notification", "notifications", "notification", "notifications", "f", "notif", ""),
    ("version", "version", "versions", "version", "versions", "f", "", ""),
    ("tax", "tax", "taxes", "impôt", "impôts", "m", "impot impots", ""),
    ("income", "income", "incomes", "revenu", "revenus", "m", "", ""),
    ("calculation", "calculation", "calculations", "calcul", "calculs", "m", "", ""),
    ("conversion", "conversion", "conversions", "conversion", "conversions", "f", "", ""),
    ("lowercase", "lowercase", "lowercase", "minuscule", "minuscules", "f", "", "mass"),
    ("text", "text", "texts", "texte", "textes", "m", "txt", ""),
    ("law", "law", "laws", "loi", "lois", "f", "", ""),
    ("font", "font", "fonts", "police", "polices", "f", "", ""),
    ("theme", "theme", "themes", "thème", "thèmes", "m", "", ""),
    ("button", "button", "buttons", "bouton", "boutons", "m", "btn", ""),
    ("page", "page", "pages", "page", "pages", "f", "", ""),
    ("screen", "screen", "screens", "écran", "écrans", "m", "", ""),
    ("form", "form", "forms", "formulaire", "formulaires", "m", "", ""),
    ("model", "model", "models", "modèle", "modèles", "m", "", ""),
    ("parser", "parser", "parsers", "analyseur", "analyseurs", "m", "", ""),
    ("manager", "manager", "managers", "gestionnaire", "gestionnaires", "m", "mgr", ""),
    ("helper", "helper", "helpers", "fonction d'aide", "fonctions d'aide", "f", "", ""),
    ("service", "service", "services", "service", "services", "m", "svc", ""),
    ("application", "application", "applications", "application", "applications", "f", "app", ""),
    ("package", "package", "packages", "paquet", "paquets", "m", "pkg", ""),
    ("dependency", "dependency", "dependencies", "dépendance", "dépendances", "f", "deps dep", ""),
    ("directory", "directory", "directories", "dossier", "dossiers", "m", "dir folder", ""),
    ("path", "path", "paths", "chemin", "chemins", "m", "", ""),
    ("url", "URL", "URLs", "URL", "URL", "f", "", ""),
    ("thumbnail", "thumbnail", "thumbnails", "miniature", "miniatures", "f", "thumb", ""),
    ("memory", "memory", "memories", "mémoire", "mémoires", "f", "mem", ""),
    ("usage", "usage", "usages", "utilisation", "utilisations", "f", "", ""),
    ("metric", "metric", "metrics", "métrique", "métriques", "f", "", ""),
    ("student", "student", "students", "étudiant", "étudiants", "m", "", ""),
    ("school", "school", "schools", "école", "écoles", "f", "", ""),
    ("hospital", "hospital", "hospitals", "hôpital", "hôpitaux", "m", "", ""),
    ("household", "household", "households", "ménage", "ménages", "m", "", ""),
    ("rent", "rent", "rents", "loyer", "loyers", "m", "", ""),
    ("reduction", "reduction", "reductions", "réduction", "réductions", "f", "", ""),
    ("solidarity", "solidarity", "solidarity", "solidarité", "solidarités", "f", "", "bare_modifier mass"),
    ("date", "date", "dates", "date", "dates", "f", "", ""),
    ("backup", "backup", "backups", "sauvegarde", "sauvegardes", "f", "bak", ""),
    ("script", "script", "scripts", "script", "scripts", "m", "", "keep_en"),
    ("error", "error", "errors", "erreur", "erreurs", "f", "err errs", ""),
    ("code", "code", "codes", "code", "codes", "m", "", ""),
    ("key", "key", "keys", "clé", "clés", "f", "", ""),
    ("grade", "grade", "grades", "note", "notes", "f", "", ""),
]

# key, en, fr ms/fs/mp/fp, before, extra spellings
ADJECTIVES: list[tuple[str, str, str, str, str, str, bool, str]] = [
    ("new", "new", "nouveau", "nouvelle", "nouveaux", "nouvelles", True, "nouv nouvel"),
    ("old", "old", "ancien", "ancienne", "anciens", "anciennes", True, "legacy"),
    ("temporary", "temporary", "temporaire", "temporaire", "temporaires", "temporaires", False, "tmp temp"),
    ("main", "main", "principal", "principale", "principaux", "principales", False, ""),
    ("global", "global", "global", "globale", "globaux", "globales", False, ""),
    ("raw", "raw", "brut", "brute", "bruts", "brutes", False, ""),
    ("last", "last", "dernier", "dernière", "derniers", "dernières", True, ""),
    ("active", "active", "actif", "active", "actifs", "actives", False, ""),
    ("public", "public", "public", "publique", "publics", "publiques", False, "pub"),
    ("small", "small", "petit", "petite", "petits", "petites", True, ""),
    ("daily", "daily", "quotidien", "quotidienne", "quotidiens", "quotidiennes", False, ""),
    ("monthly", "monthly", "mensuel", "mensuelle", "mensuels", "mensuelles", False, ""),
    ("invalid", "invalid", "invalide", "invalide", "invalides", "invalides", False, ""),
]

# ext, en, fr, gender, category
EXTENSIONS: list[tuple[str, str, str, str, str]] = [
    ("sh", "shell script", "script shell", "m", "script"),
    ("py", "Python module", "module Python", "m", "module"),
    ("ts", "TypeScript module", "module TypeScript", "m", "module"),
    ("js", "JavaScript module", "module JavaScript", "m", "module"),
    ("go", "Go source", "source Go", "f", "module"),
    ("rs", "Rust module", "module Rust", "m", "module"),
    ("java", "Java class", "classe Java", "f", "module"),
    ("rb", "Ruby script", "script Ruby", "m", "script"),
    ("sql", "SQL query", "requête SQL", "f", "query"),
    ("csv", "CSV file", "fichier CSV", "m", "data"),
    ("json", "JSON file", "fichier JSON", "m", "data"),
    ("yml", "YAML file", "fichier YAML", "m", "config"),
    ("md", "Markdown document", "document Markdown", "m", "doc"),
    ("txt", "text file", "fichier texte", "m", "doc"),
    ("html", "HTML page", "page HTML", "f", "markup"),
    ("css", "CSS stylesheet", "feuille de style CSS", "f", "style"),
    ("ipynb", "Jupyter notebook", "notebook Jupyter", "m", "notebook"),
    ("log", "log file", "fichier de log", "m", "log"),
    ("png", "PNG image", "image PNG", "f", "image"),
    ("tar.gz", "compressed tar archive", "archive tar compressée", "f", "archive"),
    ("spec.ts", "TypeScript test file", "fichier de test TypeScript", "m", "test"),
    ("vue", "Vue component", "composant Vue", "m", "component"),
    ("bak", "backup file", "fichier de sauvegarde", "m", "other"),
]

FILENAMES: list[dict[str, Any]] = [
    {"name": "README.md", "category": "doc",
     "en": ["Project overview with installation and usage instructions.", "Readme introducing the project."],
     "fr": ["Présentation du projet avec ses instructions d'installation et d'utilisation.",
            "Fichier lisez-moi qui présente le projet."]},
    {"name": "Makefile", "category": "build",
     "en": ["Makefile that defines the project's build targets."],
     "fr": ["Makefile qui définit les cibles de compilation du projet."]},
    {"name": "dockerfile", "match": "casefold", "category": "build",
     "en": ["Dockerfile that builds the project's container image."],
     "fr": ["Dockerfile qui construit l'image de conteneur du projet."]},
    {"name": ".github/workflows/*.yml", "match": "glob", "category": "config",
     "en": ["GitHub Actions workflow run by the project's CI."],
     "fr": ["Workflow GitHub Actions exécuté par l'intégration continue du projet."]},
    {"name": ".gitignore", "category": "config",
     "en": ["Git ignore file listing the paths Git must not track."],
     "fr": ["Fichier d'exclusion Git qui liste les chemins que Git ne doit pas suivre."]},
]


def fixture_data() -> dict[str, Any]:
    """The fixture lexicon as the JSON files would hold it (so the same parser is exercised)."""
    verbs = [
        {"key": k, "en": {"base": b, "third": t, "gerund": g, "past": b + "ed"},
         "fr": {"inf": i, "third": ft, "pp": ft}, "spellings": sp.split(),
         **({"transitive": False} if k in INTRANSITIVE else {})}
        for k, b, t, g, i, ft, sp in VERBS
    ]
    nouns = [
        {"key": k, "en": {"sg": s, "pl": p}, "fr": {"sg": fs, "pl": fp, "gender": gd}, "spellings": sp.split(),
         **{flag: True for flag in flags.split()}}
        for k, s, p, fs, fp, gd, sp, flags in NOUNS
    ]
    adjectives = [
        {"key": k, "en": e, "fr": {"ms": ms, "fs": fs, "mp": mp, "fp": fp}, "fr_before": before,
         "spellings": sp.split()}
        for k, e, ms, fs, mp, fp, before, sp in ADJECTIVES
    ]
    extensions = [{"ext": x, "en": e, "fr": f, "gender": g, "category": c} for x, e, f, g, c in EXTENSIONS]
    conventions = json.loads(CONVENTIONS.read_text(encoding="utf-8"))
    return {"verbs": verbs, "nouns": nouns, "adjectives": adjectives, "extensions": extensions,
            "filenames": FILENAMES, "conventions": conventions,
            "abbreviations": {"cfg": {"key": "configuration", "pos": "noun"}}}


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    """The fixture lexicon."""
    return lexicon_from_data(fixture_data())
