"""``describe_by_rules`` on a fixed set of names, both languages, with the fixture lexicon: exact sentences."""

from __future__ import annotations

import pytest

from filedesc.grammar import analyse, describe_by_rules
from filedesc.lexicon import Lexicon

# (name, English, French): the house style of ../shared/data/real-dev.jsonl, kind first.
EXPECTED: list[tuple[str, str, str]] = [
    ('extract_window_events.sh', 'Shell script that extracts the window events.',
     'Script shell qui extrait les événements de la fenêtre.'),
    ('analyser_logs.py', 'Python module that analyses the logs.',
     'Module Python qui analyse les logs.'),
    ('getUserInfo.ts', 'TypeScript module that gets the user information.',
     "Module TypeScript qui récupère l'information de l'utilisateur."),
    ('convert_csv_to_json.py', 'Python module that converts CSV to JSON.',
     'Module Python qui convertit CSV en JSON.'),
    ('convertCsvToJson.ts', 'TypeScript module that converts CSV to JSON.',
     'Module TypeScript qui convertit CSV en JSON.'),
    ('send_mail_to_user.py', 'Python module that sends the email to the user.',
     "Module Python qui envoie l'e-mail à l'utilisateur."),
    ('load_from_db.py', 'Python module that loads from the database.',
     'Module Python qui charge depuis la base de données.'),
    ('load_users_from_db.py', 'Python module that loads the users from the database.',
     'Module Python qui charge les utilisateurs depuis la base de données.'),
    ('conversion_emails_en_minuscules.py', 'Python module for the conversion of emails to lowercase.',
     'Module Python pour la conversion des e-mails en minuscules.'),
    ('20220111092352_conversionEmailsEnMinuscules.js', 'Database migration for the conversion of emails to lowercase.',
     'Migration de base de données pour la conversion des e-mails en minuscules.'),
    ('calcul_impot_revenu.py', 'Python module for the income tax calculation.',
     "Module Python pour le calcul de l'impôt du revenu."),
    ('extract-window-events.sh', 'Shell script that extracts the window events.',
     'Script shell qui extrait les événements de la fenêtre.'),
    ('ExtractWindowEvents.java', 'Java class that extracts the window events.',
     'Classe Java qui extrait les événements de la fenêtre.'),
    ('EXTRACT_WINDOW_EVENTS.sh', 'Shell script that extracts the window events.',
     'Script shell qui extrait les événements de la fenêtre.'),
    ('extract.window.events.sh', 'Shell script that extracts the window events.',
     'Script shell qui extrait les événements de la fenêtre.'),
    ('parseHTTPResponse2.py', 'Python module that parses the HTTP response, version 2.',
     'Module Python qui analyse syntaxiquement la réponse HTTP, version 2.'),
    ('user_v2.py', 'Python module for the user, version 2.',
     "Module Python pour l'utilisateur, version 2."),
    ('create_user.py', 'Python module that creates a user.',
     'Module Python qui crée un utilisateur.'),
    ('createUser.ts', 'TypeScript module that creates a user.',
     'Module TypeScript qui crée un utilisateur.'),
    ('delete_old_backups.sh', 'Shell script that deletes the old backups.',
     'Script shell qui supprime les anciennes sauvegardes.'),
    ('download_and_install.sh', "Shell script named 'download_and_install'.",
     'Script shell nommé « download_and_install ».'),
    ('download_and_install_docker.sh', 'Shell script that downloads and installs Docker.',
     'Script shell qui télécharge et installe Docker.'),
    ('clean_tmp_files.sh', 'Shell script that cleans the temporary files.',
     'Script shell qui nettoie les fichiers temporaires.'),
    ('generate_invoice_pdf.py', 'Python module that generates an invoice PDF.',
     'Module Python qui génère un PDF de la facture.'),
    ('generate_report.py', 'Python module that generates a report.',
     'Module Python qui génère un rapport.'),
    ('check_password_hash.py', 'Python module that checks the password hash.',
     'Module Python qui vérifie le hachage du mot de passe.'),
    ('hash_password.py', 'Python module that hashes the password.',
     'Module Python qui hache le mot de passe.'),
    ('update_user_settings.ts', 'TypeScript module that updates the user settings.',
     "Module TypeScript qui met à jour les paramètres de l'utilisateur."),
    ('save_hierarchy.py', 'Python module that saves the hierarchy.',
     'Module Python qui enregistre la hiérarchie.'),
    ('load_hosts.py', 'Python module that loads the hosts.',
     'Module Python qui charge les hôtes.'),
    ('get_history.py', 'Python module that gets the history.',
     "Module Python qui récupère l'historique."),
    ('user_model.py', 'Python module for the user model.',
     "Module Python pour le modèle de l'utilisateur."),
    ('window_events.csv', 'CSV file of the window events.',
     'Fichier CSV des événements de la fenêtre.'),
    ('user_list.json', 'JSON file of the user list.',
     'Fichier JSON de la liste des utilisateurs.'),
    ('users_list.py', 'Python module for the list of users.',
     'Module Python pour la liste des utilisateurs.'),
    ('list_users.py', 'Python module that lists the users.',
     'Module Python qui liste les utilisateurs.'),
    ('log_parser.py', 'Python module for the log parser.',
     "Module Python pour l'analyseur du log."),
    ('import_users.py', 'Python module that imports the users.',
     'Module Python qui importe les utilisateurs.'),
    ('export_orders_to_csv.py', 'Python module that exports the orders to CSV.',
     'Module Python qui exporte les commandes en CSV.'),
    ('validate_form.js', 'JavaScript module that validates the form.',
     'Module JavaScript qui valide le formulaire.'),
    ('read_config.py', 'Python module that reads the configuration.',
     'Module Python qui lit la configuration.'),
    ('write_log.sh', 'Shell script that writes the log.',
     'Script shell qui écrit le log.'),
    ('transform_xml_to_json.py', 'Python module that transforms XML to JSON.',
     'Module Python qui transforme XML en JSON.'),
    ('merge_pdf_files.py', 'Python module that merges the PDF files.',
     'Module Python qui fusionne les fichiers PDF.'),
    ('sync_users_with_github.py', 'Python module that synchronizes the users with GitHub.',
     'Module Python qui synchronise les utilisateurs avec GitHub.'),
    ('push_to_github.sh', 'Shell script that pushes to GitHub.',
     'Script shell qui pousse vers GitHub.'),
    ('add_item_to_cart.ts', 'TypeScript module that adds an item to the cart.',
     'Module TypeScript qui ajoute un élément au panier.'),
    ('sort_products_by_price.js', 'JavaScript module that sorts the products by price.',
     'Module JavaScript qui trie les produits par prix.'),
    ('calculate_tax.py', 'Python module that calculates the tax.',
     "Module Python qui calcule l'impôt."),
    ('calc_income_tax.py', 'Python module that calculates the income tax.',
     "Module Python qui calcule l'impôt du revenu."),
    ('compute_price_with_tax.py', 'Python module that calculates the price with the tax.',
     "Module Python qui calcule le prix avec l'impôt."),
    ('fetch_data.py', 'Python module that gets the data.',
     'Module Python qui récupère les données.'),
    ('send_notification_to_user.ts', 'TypeScript module that sends the notification to the user.',
     "Module TypeScript qui envoie la notification à l'utilisateur."),
    ('backup_database.sh', 'Shell script that backs up the database.',
     'Script shell qui sauvegarde la base de données.'),
    ('start_server.sh', 'Shell script that starts the server.',
     'Script shell qui démarre le serveur.'),
    ('run.sh', "Shell script named 'run'.",
     'Script shell nommé « run ».'),
    ('run_tests.sh', 'Shell script that runs the tests.',
     'Script shell qui lance les tests.'),
    ('test_user_model.py', 'Python test file that checks the user model.',
     "Fichier de test Python qui vérifie le modèle de l'utilisateur."),
    ('test_extract_events.py', 'Python test file that checks the code that extracts the events.',
     'Fichier de test Python qui vérifie le code qui extrait les événements.'),
    ('flag_groups_test.go', "Go test file for 'flag_groups'.",
     'Fichier de test Go pour « flag_groups ».'),
    ('user.spec.ts', 'TypeScript test file that checks the user.',
     "Fichier de test TypeScript qui vérifie l'utilisateur."),
    ('cart.service.spec.ts', 'TypeScript test file that checks the cart service.',
     'Fichier de test TypeScript qui vérifie le service du panier.'),
    ('UserServiceTest.java', 'Java test file that checks the user service.',
     "Fichier de test Java qui vérifie le service de l'utilisateur."),
    ('0001_initial.py', 'Initial database migration that creates the first tables.',
     'Migration initiale de la base de données qui crée les premières tables.'),
    ('0002_add_user_email.py', 'Database migration that adds a user email.',
     "Migration de base de données qui ajoute un e-mail de l'utilisateur."),
    ('2014_10_12_000000_create_users_table.php', 'Laravel migration that creates a table of users.',
     'Migration Laravel qui crée une table des utilisateurs.'),
    ('4b2a1c3d9e8f_add_user_table.py', 'Alembic migration that adds a user table.',
     'Migration Alembic qui ajoute une table des utilisateurs.'),
    ('2023-02-07-20.57.21_ff5f73b01a7a_add_user_table.py', 'Alembic migration that adds a user table.',
     'Migration Alembic qui ajoute une table des utilisateurs.'),
    ('deadbeefcafe_add_user_table.py', "Python module named 'deadbeefcafe_add_user_table'.",
     'Module Python nommé « deadbeefcafe_add_user_table ».'),
    ('send_report_v1.2.py', 'Python module that sends the report, version 1.2.',
     'Module Python qui envoie le rapport, version 1.2.'),
    ('V2__add_users.sql', 'SQL migration that adds users.',
     'Migration SQL qui ajoute des utilisateurs.'),
    ('00002_rename_root.sql', "SQL migration named 'rename_root'.",
     'Migration SQL nommée « rename_root ».'),
    ('index.js', 'JavaScript module that serves as the entry point of its folder.',
     "Module JavaScript qui sert de point d'entrée de son dossier."),
    ('index.html', 'HTML page that serves as the home page of its folder.',
     "Page HTML qui sert de page d'accueil de son dossier."),
    ('main.go', "Go source that serves as the program's entry point.",
     "Source Go qui sert de point d'entrée du programme."),
    ('utils.py', 'Python module of utility functions shared across the project.',
     'Module Python de fonctions utilitaires partagées dans le projet.'),
    ('helpers.ts', 'TypeScript module of helper functions used by the rest of the code.',
     "Module TypeScript de fonctions d'aide utilisées par le reste du code."),
    ('constants.js', 'JavaScript module that defines the constants shared by the project.',
     'Module JavaScript qui définit les constantes partagées du projet.'),
    ('types.ts', 'TypeScript module that declares the shared types.',
     'Module TypeScript qui déclare les types partagés.'),
    ('models.py', 'Python module that defines the data models.',
     'Module Python qui définit les modèles de données.'),
    ('views.py', 'Python module that defines the views of the application.',
     "Module Python qui définit les vues de l'application."),
    ('urls.py', 'Python module that maps the URLs to their views.',
     'Module Python qui associe les URL à leurs vues.'),
    ('settings.py', 'Python module that holds the application settings.',
     "Module Python qui contient les réglages de l'application."),
    ('config.js', 'JavaScript module that holds the project configuration.',
     'Module JavaScript qui contient la configuration du projet.'),
    ('conftest.py', 'Pytest configuration file that defines the shared fixtures.',
     'Fichier de configuration pytest qui définit les fixtures partagées.'),
    ('setup.py', 'Python module that installs and packages the project.',
     'Module Python qui installe et empaquette le projet.'),
    ('__init__.py', 'Python module that marks its folder as a package and sets up its exports.',
     'Module Python qui fait de son dossier un paquet et prépare ses exports.'),
    ('jquery.min.js', 'Minified build of jquery.',
     'Version minifiée de jquery.'),
    ('types.d.ts', "TypeScript type declarations for the 'types' module.",
     'Déclarations de types TypeScript du module « types ».'),
    ('webpack.config.js', 'JavaScript configuration file for webpack.',
     'Fichier de configuration JavaScript de webpack.'),
    ('config.yml.bak', "Backup copy of 'config.yml'.",
     'Copie de sauvegarde de « config.yml ».'),
    ('settings_old.py', "Old version of 'settings', kept for reference.",
     'Ancienne version de « settings », conservée pour référence.'),
    ('.env.example', "Example of '.env' to copy and adapt.",
     'Exemple de « .env » à copier et adapter.'),
    ('app.module.ts', 'Angular module for the application.',
     "Module Angular pour l'application."),
    ('README.md', 'Project overview with installation and usage instructions.',
     "Présentation du projet avec ses instructions d'installation et d'utilisation."),
    ('Makefile', "Makefile that defines the project's build targets.",
     'Makefile qui définit les cibles de compilation du projet.'),
    ('Dockerfile', "Dockerfile that builds the project's container image.",
     "Dockerfile qui construit l'image de conteneur du projet."),
    ('.gitignore', 'Git ignore file listing the paths Git must not track.',
     "Fichier d'exclusion Git qui liste les chemins que Git ne doit pas suivre."),
    ('foo_bar.py', "Python module named 'foo_bar'.",
     'Module Python nommé « foo_bar ».'),
    ('zorglub', "File named 'zorglub'.",
     'Fichier nommé « zorglub ».'),
    ('xyzzy.frob', "File named 'xyzzy.frob'.",
     'Fichier nommé « xyzzy.frob ».'),
    ('new_user.py', 'Python module for the new user.',
     'Module Python pour le nouvel utilisateur.'),
    ('new_session.py', 'Python module for the new session.',
     'Module Python pour la nouvelle session.'),
    ('last_error.log', 'Log file of the last error.',
     'Fichier de log de la dernière erreur.'),
    ('daily_report.md', 'Markdown document of the daily report.',
     'Document Markdown du rapport quotidien.'),
    ('monthly_invoices.csv', 'CSV file of the monthly invoices.',
     'Fichier CSV des factures mensuelles.'),
    ('raw_data.csv', 'CSV file of the raw data.',
     'Fichier CSV des données brutes.'),
    ('temp_files.txt', 'Text file of the temporary files.',
     'Fichier texte des fichiers temporaires.'),
    ('main_window.py', 'Python module for the main window.',
     'Module Python pour la fenêtre principale.'),
    ('global_config.yml', 'YAML file of the global configuration.',
     'Fichier YAML de la configuration globale.'),
    ('active_sessions.json', 'JSON file of the active sessions.',
     'Fichier JSON des sessions actives.'),
    ('invalid_tokens.txt', 'Text file of the invalid tokens.',
     'Fichier texte des tokens invalides.'),
    ('public_key.txt', 'Text file of the public key.',
     'Fichier texte de la clé publique.'),
    ('small_images.py', 'Python module for the small images.',
     'Module Python pour les petites images.'),
    ('user_account_settings.py', 'Python module for the user account settings.',
     "Module Python pour les paramètres du compte de l'utilisateur."),
    ('list_of_users.py', 'Python module that lists the users.',
     'Module Python qui liste les utilisateurs.'),
    ('liste_des_utilisateurs.py', 'Python module that lists the users.',
     'Module Python qui liste les utilisateurs.'),
    ('fichier_temporaire.txt', 'Text file of the temporary file.',
     'Fichier texte du fichier temporaire.'),
    ('recuperer_donnees.py', 'Python module that gets the data.',
     'Module Python qui récupère les données.'),
    ('envoyer_email_utilisateur.py', 'Python module that sends the user email.',
     "Module Python qui envoie l'e-mail de l'utilisateur."),
    ('telecharger_images.sh', 'Shell script that downloads the images.',
     'Script shell qui télécharge les images.'),
    ('verifier_mot_de_passe.py', 'Python module that checks the password.',
     'Module Python qui vérifie le mot de passe.'),
    ('nouvel_utilisateur.py', 'Python module for the new user.',
     'Module Python pour le nouvel utilisateur.'),
    ('image_thumbnail.py', 'Python module for the image thumbnail.',
     "Module Python pour la miniature de l'image."),
    ('memory_usage.py', 'Python module for the memory usage.',
     "Module Python pour l'utilisation de la mémoire."),
    ('school_students.csv', 'CSV file of the school students.',
     "Fichier CSV des étudiants de l'école."),
    ('student_grades.csv', 'CSV file of the student grades.',
     "Fichier CSV des notes de l'étudiant."),
    ('hospital_list.json', 'JSON file of the hospital list.',
     'Fichier JSON de la liste des hôpitaux.'),
    ('reduction_loyer_solidarite.py', 'Python module for the solidarity rent reduction.',
     'Module Python pour la réduction du loyer de solidarité.'),
    ('upload_image.sh', 'Shell script that uploads the image.',
     "Script shell qui téléverse l'image."),
    ('upload_image_to_glance.sh', 'Shell script that uploads the image to glance.',
     "Script shell qui téléverse l'image vers glance."),
    ('extractEvtsFromWin.sh', 'Shell script that extracts the events from the window.',
     'Script shell qui extrait les événements depuis la fenêtre.'),
    ('deployment_script.sh', 'Shell script for the deployment.',
     'Script shell pour le déploiement.'),
    ('integration_tests.py', 'Python test file that checks the integration.',
     "Fichier de test Python qui vérifie l'intégration."),
    ('configuration_file.py', 'Python module for the configuration file.',
     'Module Python pour le fichier de configuration.'),
    ('apache_configuration.py', 'Python module for the Apache configuration.',
     "Module Python pour la configuration d'Apache."),
    ('docker_configuration.yml', 'YAML file of the Docker configuration.',
     'Fichier YAML de la configuration de Docker.'),
    ('mettre_a_jour_utilisateur.py', 'Python module that updates the user.',
     "Module Python qui met à jour l'utilisateur."),
    ('backup_configuration.sh', 'Shell script that backs up the configuration.',
     'Script shell qui sauvegarde la configuration.'),
    ('integration_test_helpers.py', 'Python module for the integration test helpers.',
     "Module Python pour les fonctions d'aide du test d'intégration."),
    ('import_helper.py', 'Python module for the import helper.',
     "Module Python pour la fonction d'aide de l'import."),
    ('hierarchy_history.py', 'Python module for the hierarchy history.',
     "Module Python pour l'historique de la hiérarchie."),
    ('host_list.txt', 'Text file of the host list.',
     'Fichier texte de la liste des hôtes.'),
    ('images.tar.gz', 'Compressed tar archive of the images.',
     'Archive tar compressée des images.'),
    ('sha256sum.sh', "Shell script named 'sha256sum'.",
     'Script shell nommé « sha256sum ».'),
    ('window.events.json', 'JSON file of the window events.',
     'Fichier JSON des événements de la fenêtre.'),
    ('get_user_info_v2.ts', 'TypeScript module that gets the user information, version 2.',
     "Module TypeScript qui récupère l'information de l'utilisateur, version 2."),
    ('events_2019.csv', 'CSV file of the 2019 events.',
     'Fichier CSV des événements de 2019.'),
    ('extract_events_from_csv.py', 'Python module that extracts the events from CSV.',
     'Module Python qui extrait les événements depuis CSV.'),
    ('.github/workflows/ci.yml', "GitHub Actions workflow run by the project's CI.",
     "Workflow GitHub Actions exécuté par l'intégration continue du projet."),
    ('send_daily_report_by_email.py', 'Python module that sends the daily report by email.',
     'Module Python qui envoie le rapport quotidien par e-mail.'),
    ('update.sh', "Shell script named 'update'.",
     'Script shell nommé « update ».'),
]


def test_enough_names() -> None:
    assert len({name for name, _, _ in EXPECTED}) >= 100


@pytest.mark.parametrize(("name", "en", "fr"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_describe_by_rules(lex: Lexicon, name: str, en: str, fr: str) -> None:
    assert describe_by_rules(name, "en", lex) == en
    assert describe_by_rules(name, "fr", lex) == fr


@pytest.mark.parametrize(("name", "en", "fr"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_sentences_are_well_formed(lex: Lexicon, name: str, en: str, fr: str) -> None:
    for sentence in (en, fr):
        assert sentence[0].isupper() or sentence[0].isdigit() or sentence.startswith(".")
        assert sentence.endswith(".")
        assert "  " not in sentence
        assert not sentence.endswith(" .") and " , " not in sentence
    assert " de le " not in fr and " de les " not in fr and " à le " not in fr and " à les " not in fr
    assert " la a" not in fr and " le e" not in fr and " de e" not in fr


def test_rejects_unknown_language(lex: Lexicon) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        describe_by_rules("x.py", "de", lex)


def test_directories_are_ignored_but_globs_see_them(lex: Lexicon) -> None:
    assert describe_by_rules("src/app/extract_window_events.sh", "en", lex) == (
        "Shell script that extracts the window events.")
    assert describe_by_rules(".github/workflows/release.yml", "en", lex) == (
        "GitHub Actions workflow run by the project's CI.")
    assert describe_by_rules("deploy/release.yml", "en", lex) != describe_by_rules(
        ".github/workflows/release.yml", "en", lex)


def test_coverage_and_unknown_words(lex: Lexicon) -> None:
    full = analyse("extract_window_events.sh", lex)
    assert full.coverage == 1.0 and full.meaning.unknown == ()
    partial = analyse("upload_image_to_glance.sh", lex)
    assert partial.meaning.unknown == ("glance",)
    assert 0.5 <= partial.coverage < 1.0
    none = analyse("foo_bar.py", lex)
    assert none.coverage == 0.0


def test_name_language(lex: Lexicon) -> None:
    assert analyse("analyser_logs.py", lex).name_lang == "fr"
    assert analyse("extract_window_events.sh", lex).name_lang == "en"
    assert analyse("conversion_emails_en_minuscules.py", lex).name_lang == "mixed"


@pytest.mark.parametrize(
    ("name", "en"),
    [
        ("images_sponsors.py", "Python module named 'images_sponsors'."),  # unknown head under a known word
        ("image_add_user.py", "Python module named 'image_add_user'."),  # a verb the parse cannot place
        ("archive.tar.gz", "Compressed tar archive named 'archive'."),  # "archive of the archive" says nothing
        ("gitpod.sh", "Shell script named 'gitpod'."),  # no guessing "git pod" from short pieces
    ],
)
def test_never_guesses(lex: Lexicon, name: str, en: str) -> None:
    assert describe_by_rules(name, "en", lex) == en


def test_run_together_words_are_split(lex: Lexicon) -> None:
    assert describe_by_rules("extractevents.sh", "en", lex) == "Shell script that extracts the events."
    assert describe_by_rules("telechargerlesimages.sh", "fr", lex) == "Script shell qui télécharge les images."
