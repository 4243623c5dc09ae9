import type { Catalogue } from './en.js';

/** fr: every key of the English reference catalogue, in this language. */
export default {
  'language.locale': 'fr-FR',
  'welcome.title': 'Intégration des clients Éducation',
  'welcome.text':
    'Je vous aide à ajouter des clients Éducation dans Partner Center, à suivre leur vérification par Microsoft, et à corriger puis soumettre à nouveau un client refusé.',
  'menu.add': 'Ajouter un client',
  'menu.status': 'Vérifier le statut',
  'menu.customers': 'Mes clients',
  'menu.help': 'Aide',
  'notify.approvedTitle': 'Vérification approuvée',
  'notify.decidedBelow': '{company} : vérification {status}. La décision figure plus bas.',
  'notify.digestTitle.one': '{count} décision de Microsoft',
  'notify.digestTitle.other': '{count} décisions de Microsoft',
  'notify.digestLine': '{company} : {status}',
  'notify.digestLineReason': '{company} : {status} ({reason})',
  'notify.digestMore':
    'Et {count} de plus : tapez « {word:command.customers} » pour voir tous les clients.',
  'notify.deniedTitle': 'Vérification refusée',
  'button.follow': 'Suivre',
  'button.unfollow': 'Ne plus suivre',
  'follow.done':
    'Cette conversation sera prévenue ici lorsque Microsoft aura décidé pour {company}.',
  'unfollow.done': 'Cette conversation ne suit plus {company}.',
  'notify.allOn':
    'Cette conversation reçoit désormais toutes les décisions concernant vos clients.',
  'notify.mineOn': "Cette conversation ne reçoit plus que les décisions des clients qu'elle suit.",
  'command.follow.help':
    '**{word:command.follow}** / **{word:command.unfollow}** <client> : être prévenu ici pour un client ; **{word:command.notifyAll}** / **{word:command.notifyMine}** : toutes les décisions, ou seulement les clients suivis',
  'fact.requests': 'Demandes de vérification',
  'fact.customerId': 'Id client',
  'fact.partnerCenterRead': 'Dernière lecture dans Partner Center',
  'status.partnerCenterSaid': '{at} (Partner Center indique « {status} »)',
  'menu.statusPlaceholder': 'Nom, domaine ou id',
  'cancel.card': "Annulé : rien n'a été soumis.",
  'flow.inProgress':
    'Un formulaire est en cours : remplissez la carte ci-dessus, ou tapez « {word:command.cancel} » pour arrêter.',
  'form.suggestedDomain':
    "J'ai proposé {domain} à partir du nom légal. Vérifiez-le, puis choisissez Suivant.",
  'help.title': 'Ce que je sais faire',
  'command.add.help': '**{word:command.add}** : ajouter un client Éducation, étape par étape',
  'command.status.help':
    "**{word:command.status}** <nom, domaine ou id> : le statut de vérification d'un client",
  'command.customers.help':
    '**{word:command.customers}** [{word:filter.InReview} | {word:filter.Approved} | {word:filter.Denied}] : vos clients Éducation',
  'command.resubmit.help':
    '**{word:command.resubmit}** <client> : corriger un client refusé et redemander la vérification',
  'command.offers.help':
    '**{word:command.offers}** <client> : ce que vous pouvez vendre à un client maintenant',
  'command.cancel.help':
    '**{word:command.cancel}** : arrêter ce que nous faisons ; **{word:command.help}** : cette liste',
  'unknown.text': "Je n'ai pas compris « {text} ». Voici ce que je sais faire :",
  'cancel.done': "Annulé. Rien n'a été soumis.",
  'cancel.nothing': "Il n'y a rien à annuler.",
  'error.generic':
    "Désolé, une erreur s'est produite de mon côté et cette étape ne s'est pas terminée. Ce qu'une de mes cartes a montré comme soumis a été enregistré ; tapez « {word:command.status} » suivi du nom du client pour vérifier, puis réessayez.",
  'error.stateConflict':
    "Quelqu'un d'autre dans cette conversation a agi au même moment : votre dernière étape n'a pas été enregistrée. Veuillez la refaire.",
  'invoke.done': "C'est fait.",
  'invoke.notServed':
    'Ce bot ne connaît pas ce bouton. Tapez « {word:command.help} » pour voir ce que je sais faire.',
  'card.stale':
    "Cette carte n'est plus active. Tapez « {word:command.help} » pour voir ce que je sais faire.",
  'customer.prompt':
    "Quel client ? Tapez « {command} » suivi d'un nom, d'un domaine ou d'un id client.",
  'filter.InReview.words': "en cours d'examen|en cours d’examen|en examen|en attente",
  'filter.Approved.words': 'approuvés|approuvé|approuvées|approuvée',
  'filter.Denied.words': 'refusés|refusé|refusées|refusée',
  'filter.None.words': 'aucun',
  // Commands: the words that call each ("|" between synonyms; any language's words work), its
  // help line, and its Teams command-menu description
  'command.add.words': 'ajouter un client|ajouter',
  'command.add.description': 'Ajouter un client Éducation, étape par étape',
  'command.status.words': 'statut',
  'command.status.description': "Statut de vérification d'un client : status <nom, domaine ou id>",
  'command.customers.words': 'clients',
  'command.customers.description':
    "Vos clients Éducation, éventuellement : en cours d'examen, approuvés, refusés",
  'command.resubmit.words': 'resoumettre|corriger',
  'command.resubmit.description': 'Corriger un client refusé et redemander la vérification',
  'command.offers.words': 'offres',
  'command.offers.description': 'Ce que vous pouvez vendre à un client maintenant',
  'command.follow.words': 'suivre',
  'command.unfollow.words': 'ne plus suivre',
  'command.notifyAll.words': 'toutes les décisions',
  'command.notifyAll.description':
    'Recevoir toutes les décisions sur vos clients dans cette conversation',
  'command.notifyMine.words': 'décisions suivies',
  'command.cancel.words': 'annuler',
  'command.help.words': 'aide',
  'command.help.description': 'Ce que ce bot sait faire',
  'command.welcome.words': 'bonjour',
  'forbidden.noRole':
    "Votre compte Teams n'est associé à aucun rôle Partner Center, je ne peux donc pas le faire pour vous. Demandez à l'administrateur de votre partenaire de vous ajouter à la liste des utilisateurs du bot.",
  'forbidden.roleNotAllowed':
    'Votre rôle Partner Center ({role}) ne permet pas de {capability}. Demandez à un administrateur général.',
  'forbidden.indirectReseller':
    "Les revendeurs indirects ne peuvent pas ajouter de nouveaux clients. Demandez à votre fournisseur indirect d'ajouter le client, puis demandez une relation de revendeur dans Partner Center (Clients → Demander une relation de revendeur).",
  'capability.addCustomer': 'ajouter des clients',
  'capability.checkStatus': 'consulter les clients',
  'capability.correctAndResubmit': 'corriger et soumettre à nouveau des clients',
  'role.GlobalAdmin': 'Administrateur général',
  'role.UserManagementAdmin': 'Administrateur de gestion des utilisateurs',
  'role.AdminAgent': "Agent d'administration",
  'role.SalesAgent': 'Agent commercial',
  'form.inProgressBy':
    '{name} remplit ce formulaire. Seule cette personne peut le voir et le modifier ici ; tapez « ajouter un client » pour commencer le vôtre.',
  'form.addTitle': 'Ajouter un client Éducation',
  'form.correctTitle': 'Corriger {company}',
  'form.stepOf': 'Étape {step} sur 3 : {section}',
  'section.organisation': 'Organisation',
  'section.address': 'Adresse',
  'section.contact': 'Contact et contrat',
  'form.fixErrors': 'Veuillez corriger les champs signalés ci-dessous.',
  'form.requiredLabel': '{label} (obligatoire)',
  'form.requiredInCountry': 'Obligatoire pour {country}',
  'form.requiredInSomeCountries': 'Obligatoire dans certains pays',
  'hint.companyName':
    "Le nom légal exact, tel qu'il figure sur les documents officiels de l'établissement.",
  'hint.website':
    "Facultatif, mais accélère la vérification : le site officiel de l'établissement.",
  'hint.email': "Une adresse sur le domaine de l'établissement (pas Gmail, Outlook.com…).",
  'hint.domain':
    'Lettres et chiffres uniquement, 27 au plus. Il devient {example} et ne pourra plus être modifié.',
  'hint.domainFixed': '{domain} (non modifiable)',
  'hint.organizationRegistrationNumber':
    "Le numéro d'immatriculation de l'entreprise ou fiscal, jamais un numéro personnel.",
  'hint.mcaDateAgreed':
    'Le client doit avoir accepté le Contrat client Microsoft avant que vous puissiez passer commande.',
  'segment.K12': 'K-12 (enseignement primaire et secondaire)',
  'segment.HigherEducation': 'Enseignement supérieur',
  choose: 'Choisir…',
  'button.next': 'Suivant',
  'button.back': 'Retour',
  'button.cancel': 'Annuler',
  'button.edit': 'Modifier',
  'button.submit': 'Soumettre pour vérification',
  'button.resubmit': 'Soumettre à nouveau',
  'button.refresh': 'Actualiser',
  'button.correct': 'Corriger et soumettre à nouveau',
  'button.offers': 'Offres',
  'button.status': 'Statut',
  'button.nextPage': 'Page suivante',
  'review.title': 'Vérifier et soumettre',
  'review.domainWarning':
    'Le domaine principal {domain} ne pourra plus être modifié après la soumission.',
  'review.duration': 'Microsoft termine généralement une vérification en trois jours ouvrés.',
  'review.warnings': 'À vérifier :',
  'submitted.title': 'Soumis – En cours de vérification',
  'submitted.text':
    '{company} a été ajouté et envoyé pour vérification (demande {used} sur {max}). Je vous préviendrai ici dès que Microsoft aura décidé.',
  'resubmitted.already':
    '{company} a déjà été soumis à nouveau : demande {request} sur {max}, en cours de vérification. Voici son statut actuel.',
  'submitted.notFollowing':
    "{company} a été ajouté et envoyé pour vérification (demande {used} sur {max}), mais cette conversation n'a pas pu être abonnée à la décision de Microsoft. Appuyez à nouveau sur Soumettre pour terminer : le client ne sera pas ajouté deux fois.",
  'submitted.again':
    '{company} a déjà été soumis : demande {used} sur {max}. Voici son statut actuel.',
  'status.None': 'Aucun',
  'status.InReview': 'En cours de vérification depuis le {date}',
  'status.Approved': 'Éducation',
  'status.Denied': 'Pas un client Éducation',
  'statusWord.None': 'aucun',
  'statusWord.InReview': 'en cours de vérification',
  'statusWord.Approved': 'approuvé',
  'statusWord.Denied': 'refusé',
  'status.reason': 'Motif : {reason}',
  'status.history': 'Dernières modifications',
  'status.historyEntry': '{date} : {from} → {to}, par {by}',
  'status.historyCorrection': '{date} : informations corrigées ({fields}), par {by}',
  'status.microsoft': 'Microsoft',
  'status.reviewer': 'Microsoft (vérification simulée)',
  'selling.InReview':
    'Pendant la vérification, les nouveaux achats, les modifications et les résiliations sont bloqués. Les renouvellements continuent.',
  'selling.Denied':
    "Les achats sont bloqués tant que le client n'est pas vérifié. Corrigez les informations et soumettez à nouveau.",
  'selling.Approved': 'Vous pouvez vendre des offres Commerciales et Éducation.',
  'selling.None': "Le client n'est pas identifié comme Éducation.",
  'status.noRequestsLeft':
    'Les {max} demandes de vérification ont été utilisées. Contactez le support Microsoft pour une vérification manuelle.',
  'status.onlyGlobalAdmin': 'Seul un administrateur général peut corriger et soumettre à nouveau.',
  notFound: "Je n'ai trouvé aucun client correspondant à « {query} ».",
  'choice.title': 'Plusieurs clients correspondent à « {query} ». Lequel ?',
  'list.title': 'Vos clients Éducation ({total})',
  'list.titleFiltered': 'Vos clients Éducation, {status} ({total})',
  'list.empty': 'Aucun client à afficher.',
  'list.unknownStatus':
    'Utilisez : {word:filter.InReview}, {word:filter.Approved} ou {word:filter.Denied}.',
  'offers.title': 'Ce que vous pouvez vendre à {company}',
  'offers.segments': 'Segments vendables : {segments}',
  'offers.noSegments': 'Rien ne peut être vendu pour le moment.',
  'offers.refused': '{offer} : {reason}',
  'offers.education': 'Offres Éducation que vous pouvez vendre maintenant : {offers}.',
  'offers.commercial': 'Offres commerciales que vous pouvez vendre maintenant : {offers}.',
  'offers.unavailable': 'Non disponible pour le moment :',
  'refusal.verificationPending': 'bloqué tant que la vérification est « {status} »',
  'refusal.segmentNotSellable':
    'les offres {segment} ne peuvent pas être vendues aux clients {customerType}',
  'refusal.educationOfferKind':
    "les tarifs Éducation n'existent que pour les services sous licence et les logiciels perpétuels",
  'segmentName.Commercial': 'Commercial',
  'segmentName.Nonprofit': 'Organisation à but non lucratif',
  'segmentName.Education': 'Éducation',
  'segmentName.GovernmentCommunityCloud': 'Government Community Cloud',
  'confirm.changes': 'Ce qui change :',
  'confirm.change': '{field} : {from} → {to}',
  'confirm.noChanges': "Rien n'est modifié : les mêmes informations sont renvoyées.",
  'confirm.fixed': '{field} : {value} (ne peut pas être modifié)',
  'confirm.title': 'Soumettre à nouveau {company} pour vérification',
  'confirm.text':
    'Ce sera la demande de vérification {request} sur {max}. Les informations corrigées sont enregistrées avec elle.',
  'resubmitted.text':
    '{company} a été soumis à nouveau : demande {request} sur {max}. Microsoft décide généralement en trois jours ouvrés.',
  'refused.profileChanged':
    "Quelqu'un a modifié entre-temps le profil de facturation de {company} dans Partner Center : rien n'a été demandé. Vérifiez les valeurs, puis confirmez de nouveau.",
  'refused.partnerCenter':
    'Partner Center a refusé la demande pour {company} (erreur {code}). Vérifiez les valeurs du formulaire ; si elles sont justes, contactez le support de Partner Center.',
  'unavailable.nothing':
    "Partner Center n'a pas répondu à temps : rien n'est confirmé pour {company}. Appuyez de nouveau sur Soumettre : le client ne peut pas être créé deux fois.",
  'unavailable.customer':
    "Partner Center a créé {company} mais n'a confirmé ni le contrat ni la demande Éducation. Appuyez de nouveau sur Soumettre pour terminer : rien n'est créé deux fois.",
  'unavailable.agreement':
    "Partner Center a créé {company} et confirmé le contrat, mais n'a pas confirmé la demande Éducation. Appuyez de nouveau sur Soumettre pour terminer : rien n'est créé deux fois.",
  'refused.notDenied':
    "Une nouvelle soumission n'est possible qu'après un refus ; {company} est « {status} ».",
  'refused.requestLimitReached':
    "Les {max} demandes de vérification pour {company} ont été utilisées. Contactez le support Microsoft pour une vérification manuelle. Rien n'a été modifié.",
  'refused.reviewInProgress':
    '{company} est en cours de vérification ; ses informations pourront être corrigées après la décision.',
  'field.companyName': "Nom légal de l'organisation",
  'field.educationSegment': 'Segment éducatif',
  'field.website': 'Site web',
  'field.email': 'E-mail',
  'field.domain': 'Domaine principal',
  'field.country': 'Pays',
  'field.addressLine1': 'Adresse, ligne 1',
  'field.addressLine2': 'Adresse, ligne 2',
  'field.city': 'Ville',
  'field.state': 'État ou province',
  'field.postalCode': 'Code postal',
  'field.organizationRegistrationNumber': "Numéro d'immatriculation de l'organisation",
  'field.phoneNumber': 'Numéro de téléphone',
  'field.firstName': 'Prénom du contact',
  'field.lastName': 'Nom du contact',
  'field.mcaSignerName': 'Nom du signataire du contrat',
  'field.mcaSignerEmail': 'E-mail du signataire du contrat',
  'field.mcaDateAgreed': "Date d'acceptation du contrat",
  'field.culture': 'Culture',
  'field.language': 'Langue',
  'field.reason': 'Motif',
  'field.body': 'Formulaire',
  'issue.required': '{field} est obligatoire.',
  'issue.tooShort': '{field} doit comporter au moins {min} caractères.',
  'issue.tooLong': '{field} doit comporter au plus {max} caractères.',
  'issue.invalidChoice': "{field} : choisissez l'une des options.",
  'issue.invalidFormat': "{field} n'a pas un format valide.",
  'issue.onlySpecialCharacters':
    '{field} doit contenir des lettres ou des chiffres, pas seulement des symboles ou des espaces.',
  'issue.legalSuffixOnly':
    "{field} n'est qu'une forme juridique (comme « SARL » ou « Inc »). Saisissez le nom légal complet.",
  'issue.repeatedCharacter': '{field} est un seul caractère répété. Saisissez le vrai nom légal.',
  'issue.testName':
    '{field} ressemble à une saisie de test (« {word} »). Saisissez le nom légal exact des documents officiels.',
  'issue.acronym':
    "{field} ressemble à un sigle. Utilisez le nom légal complet, sinon la vérification risque d'échouer.",
  'issue.containsTld':
    "{field} contient une fin d'adresse web (comme « .com »). Utilisez le nom légal, pas le site.",
  'issue.invalidEmail': "{field} n'est pas une adresse e-mail valide (nom@etablissement.edu).",
  'issue.freeEmailProvider':
    "{field} utilise une messagerie gratuite ({domain}). Utilisez une adresse sur le domaine de l'établissement.",
  'issue.onMicrosoftEmail':
    "{field} ne peut pas être une adresse .onmicrosoft.com. Utilisez le domaine de l'établissement.",
  'issue.microsoftEmail':
    "{field} ne peut pas être une adresse microsoft.com. Utilisez l'adresse de l'établissement.",
  'issue.placeholderName':
    '{field} ressemble à une valeur fictive. Saisissez le vrai nom de la personne.',
  'issue.noLetters':
    '{field} doit contenir des lettres, pas seulement des chiffres ou des symboles.',
  'issue.invalidDomainCharacters':
    '{field} ne peut contenir que les lettres a–z et les chiffres 0–9 : ni espaces, ni points, ni tirets, ni accents.',
  'issue.domainTaken': '{domain} est déjà pris. Choisissez un autre préfixe.',
  'issue.domainTakenSuggestion':
    '{domain} est déjà pris. Choisissez un autre préfixe, par exemple « {suggestion} ».',
  'issue.domainImmutable': '{field} ne peut plus être modifié une fois le client créé.',
  'issue.unknownCountry': '{field} : choisissez un pays dans la liste.',
  'issue.requiredForCountry': '{field} est obligatoire pour les clients situés en/au {country}.',
  'issue.invalidPhone': '{field} doit comporter de 7 à 15 chiffres, éventuellement précédés de +.',
  'issue.invalidRegistrationNumber':
    "{field} doit être le numéro d'immatriculation ou fiscal de l'entreprise (lettres, chiffres, espaces, « . », « / », « - »).",
  'issue.invalidUrl': '{field} doit être une adresse web comme https://www.ecole.fr.',
  'issue.invalidDate': '{field} doit être une date (AAAA-MM-JJ).',
  'issue.futureDate': '{field} ne peut pas être dans le futur.',
  'issue.unknownField': '{field} ne peut pas être défini ici.',
  'field.rowKind': 'Type de ligne',
  'field.problems': 'Problèmes',
  'import.rowKind.new.words': 'nouveau|nouveau client',
  'import.rowKind.correction.words': 'correction|corriger',
  'issue.duplicateInFile': '{field} : le même domaine figure déjà à la ligne {line}.',
  'issue.alreadyCustomer':
    '{field} : {company} est déjà votre client avec ce domaine. Supprimez la ligne, ou indiquez qu’il s’agit d’une correction.',
  'issue.unknownCustomer': '{field} : aucun de vos clients n’a le domaine {domain}.',
  'issue.notDenied':
    '{field} : ce client est {status} ; seul un client refusé peut être corrigé et soumis à nouveau.',
  'issue.noRequestsLeft': '{field} : ce client a utilisé ses {max} demandes de vérification.',
  'issue.invalidRowKind':
    '{field} : « {value} » n’est pas un type de ligne. Écrivez {word:import.rowKind.new} ou {word:import.rowKind.correction}, ou laissez la cellule vide.',
  'import.groupChat':
    'Je ne peux importer un tableur de clients que dans notre conversation privée : c’est là que Teams donne les fichiers aux bots. [Ouvrez notre conversation]({link}) et envoyez-y le fichier.',
  'import.download.hostNotAllowed':
    'Je n’ai pas pris ce fichier : il ne vient pas du stockage de fichiers de Teams (SharePoint ou OneDrive). Envoyez-le à nouveau depuis Teams.',
  'import.download.downloadFailed':
    'Je n’ai pas pu télécharger le fichier depuis Teams. Envoyez-le à nouveau.',
  'import.headerProblems': 'Je ne sais pas lire les colonnes de {file} :',
  'import.templates': 'Partez du modèle : [Excel]({xlsx}) · [CSV]({csv})',
  'import.preview.title': 'Import de {file}',
  'import.fact.rows': 'Lignes',
  'import.fact.ready': 'Prêtes',
  'import.fact.problems': 'Avec des problèmes',
  'import.fact.created': 'Créées',
  'import.fact.failed': 'En échec',
  'import.fact.waiting': 'En attente',
  'import.preview.firstProblems': 'Les premiers problèmes :',
  'import.problemLine': 'Ligne {line} · {problem}',
  'import.preview.leftOut':
    'Corrigez ces lignes dans le fichier et envoyez-le à nouveau, ou créez maintenant les clients prêts : les lignes avec des problèmes sont laissées de côté.',
  'import.preview.domainsFixed':
    'Vérifiez d’abord les domaines : ils ne peuvent plus être changés une fois les clients créés.',
  'import.preview.noneReady':
    'Aucune ligne n’est encore prête. Corrigez le fichier et envoyez-le à nouveau.',
  'import.button.start.one': 'Créer {count} client',
  'import.button.start.other': 'Créer {count} clients',
  'import.button.templateXlsx': 'Modèle (Excel)',
  'import.button.templateCsv': 'Modèle (CSV)',
  'import.button.openReport': 'Ouvrir le rapport dans l’onglet',
  'import.button.cancel': 'Annuler l’import',
  'import.progress.title': 'Import de {file} en cours',
  'import.progress.text': '{done} lignes traitées sur {total}.',
  'import.summary.finishedTitle': 'Import de {file} terminé',
  'import.summary.cancelledTitle': 'Import de {file} annulé',
  'import.summary.failedRows': 'Les lignes en échec :',
  'import.summary.follows':
    'Cette conversation suit les clients créés : elle sera prévenue ici quand Microsoft décidera.',
  'import.cancelled': 'L’import est annulé. Les clients déjà créés restent.',
  'import.refusal.importRunning':
    'Un autre import est en cours pour votre organisation. Attendez qu’il se termine, ou annulez-le.',
  'import.refusal.importNotFound': 'Je ne connais plus cet import. Envoyez à nouveau le fichier.',
  'import.refusal.importNotPreviewed': 'Cet import a déjà été lancé ou annulé.',
  'import.refusal.nothingReady':
    'Aucune ligne de ce fichier n’est prête. Corrigez-le et envoyez-le à nouveau.',
  'import.templateName': 'modele-clients-education',
  'import.reportName': 'problemes-import',
  'import.file.empty': 'Le fichier est vide.',
  'import.file.tooLarge':
    'Le fichier fait {size} ; la limite est de {max}. Découpez-le en fichiers plus petits.',
  'import.file.tooManyRows':
    'Le fichier a plus de {max} lignes. Découpez-le en fichiers d’au plus {max} lignes.',
  'import.file.cellTooLong':
    'La ligne {line} a une cellule de plus de {max} caractères, plus longue que tout champ. Vérifiez cette ligne.',
  'import.file.legacyXls':
    'C’est un ancien fichier Excel .xls. Enregistrez-le en classeur Excel (.xlsx) ou en CSV, puis envoyez-le à nouveau.',
  'import.file.binary':
    'Ce fichier n’est pas un tableur : il contient des données binaires. Envoyez un fichier .xlsx ou .csv.',
  'import.file.notXlsx':
    'Ce fichier est une archive zip, mais pas un classeur Excel que je sais lire. Enregistrez-le en classeur Excel (.xlsx) ou en CSV.',
  'import.file.unzippedTooLarge':
    'Décompressé, ce classeur occuperait plus de {max}. Envoyez un fichier plus petit, ou enregistrez-le en CSV.',
  'import.file.csvSyntax':
    'Le fichier CSV est illisible vers la ligne {line} : un guillemet n’est pas fermé. Corrigez cette ligne, ou enregistrez à nouveau le fichier depuis votre tableur.',
  'import.file.noRows':
    'Le fichier n’a aucune ligne sous son en-tête. Remplissez une ligne par client.',
  'import.file.missingColumn': 'La colonne « {column} » manque. Utilisez les en-têtes du modèle.',
  'import.file.unknownColumn':
    'Je ne connais pas la colonne « {header} ». Donnez-lui un en-tête du modèle, ou supprimez-la.',
  'import.file.repeatedColumn': 'La colonne « {header} » figure deux fois. Gardez-en une.',
  // L'onglet personnel (tableau de bord)
  'history.change': '{from} → {to}',
  'history.correction': 'Informations corrigées : {fields}',
  'tab.title': 'Clients Éducation',
  'tab.devBanner':
    "Mode développement : cette page ne s'exécute pas dans Teams. Vous agissez avec l'identité de développement ({role}), et seul cet ordinateur peut accéder aux données.",
  'tab.signedInAs': 'Connecté en tant que {name} · {role}',
  'tab.overview': "Vue d'ensemble",
  'tab.chart.status': 'Clients par statut',
  'tab.chart.reviewDays': "Jours d'examen, examens terminés",
  'tab.days.0': "moins d'un jour",
  'tab.days.1': '1 à 2 jours',
  'tab.days.2': '3 à 5 jours',
  'tab.days.3': '6 à 10 jours',
  'tab.days.4': 'plus de 10 jours',
  'tab.reviewsCompleted.one': '{count} examen terminé ; médiane {days}.',
  'tab.reviewsCompleted.other': '{count} examens terminés ; médiane {days}.',
  'tab.oldestOpenReview.zero': "L'examen en cours le plus ancien a commencé aujourd'hui.",
  'tab.oldestOpenReview.one': "L'examen en cours le plus ancien a commencé il y a {days} jour.",
  'tab.oldestOpenReview.other': "L'examen en cours le plus ancien a commencé il y a {days} jours.",
  'days.one': '{days} jour',
  'days.other': '{days} jours',
  'requests.of': '{used} sur {max}',
  'list.requests': 'demandes de vérification : {used} sur {max}',
  'tab.noReviewsCompleted': "Aucun examen n'est encore terminé.",
  'tab.status.None': 'Aucun',
  'tab.status.InReview': "En cours d'examen",
  'tab.status.Approved': 'Éducation',
  'tab.status.Denied': 'Pas un client Éducation',
  'tab.customers': 'Clients',
  'tab.search': 'Rechercher par nom ou domaine',
  'tab.filterStatus': 'Statut',
  'tab.allStatuses': 'Tous les statuts',
  'tab.sort': 'Trier par',
  'tab.sort.lastChange': "Dernière modification, la plus récente d'abord",
  'tab.sort.name': "Nom de l'entreprise, de A à Z",
  'tab.column.company': 'Entreprise',
  'tab.column.domain': 'Domaine',
  'tab.column.segment': 'Segment',
  'tab.column.status': 'Statut',
  'tab.column.requests': 'Demandes',
  'tab.column.lastChange': 'Dernière modification',
  'tab.requestsOf': '{used} sur {max}',
  'tab.showing': '{from}–{to} sur {total}',
  'tab.noCustomers': 'Aucun client ne correspond.',
  'tab.pages': 'Pages',
  'tab.previous': 'Page précédente',
  'tab.next': 'Page suivante',
  'tab.pageOf': 'Page {page} sur {pages}',
  'tab.close': 'Fermer',
  'tab.detail.record': 'Fiche client',
  'tab.detail.reason': 'Motif du refus',
  'tab.detail.timeline': 'Historique du statut',
  'tab.detail.selling': 'Ce que vous pouvez vendre maintenant',
  'tab.detail.share':
    'Lien vers ce client : collé dans une conversation, il affiche la carte de statut',
  'tab.detail.resubmit': 'Corriger et soumettre à nouveau',
  'tab.fact.added': 'Ajouté le',
  'tab.fact.address': 'Adresse',
  'tab.fact.contact': 'Contact',
  'tab.fact.agreement': 'Contrat client',
  'tab.fact.agreementValue': 'accepté par {name} le {date}',
  'tab.timelineBy': 'par {by}',
  'tab.resubmitCommand': 'resoumettre {customer}',
  'tab.openChat': 'Corriger et soumettre à nouveau dans la conversation',
  'tab.typeInChat': 'Dans la conversation avec le bot, tapez : {command}',
  'tab.resubmitReady': 'Ce sera la demande de vérification {request} sur {max}.',
  'tab.resubmitNotDenied': 'La correction et la nouvelle soumission sont possibles après un refus.',
  'tab.updated': '{company} est maintenant : {status}.',
  'tab.live': 'Mise à jour automatique',
  'tab.liveLost': 'Mises à jour interrompues ; reconnexion…',
  'tab.error.network': 'Le serveur est injoignable. Réessayez dans un instant.',
  'tab.error.signIn':
    "Teams n'a pas pu vous connecter à cet onglet. Rechargez-le ; si le problème persiste, demandez à votre administrateur de vérifier l'authentification unique de l'application.",
  'tab.error.token': "Votre connexion n'a pas pu être vérifiée. Rechargez l'onglet.",
  'tab.error.keys':
    'Votre connexion ne peut pas être vérifiée pour le moment. Réessayez dans une minute.',
  'tab.error.notLoopback':
    "En mode développement, le tableau de bord ne répond que sur l'ordinateur qui exécute le bot.",
  'tab.error.tooManyStreams':
    'Trop de tableaux de bord sont ouverts en mise à jour continue. Fermez-en quelques-uns ; celui-ci réessaiera.',
  'tab.error.notFound': "Ce client n'existe pas ou appartient à un autre partenaire.",
  'tab.invalid.q': 'Recherche : 100 caractères au maximum.',
  'tab.invalid.status': "Statut : choisissez l'un des statuts proposés.",
  'tab.invalid.sort': "Trier par : choisissez la dernière modification ou le nom de l'entreprise.",
  'tab.invalid.pageSize': 'Taille de page : un nombre entier de 5 à 100.',
  'tab.invalid.cursor': 'Page : ce lien de page a expiré ; recommencez à la première page.',
  'tab.invalid.id': "Client : l'identifiant du client n'est pas valide.",
  'tab.nav': 'Sections',
  'tab.nav.customers': 'Clients',
  'tab.nav.import': 'Importer',
  'tab.import.title': 'Importer des établissements depuis un tableur',
  'tab.import.intro':
    'Une ligne par établissement, avec les colonnes du modèle. Chaque ligne est d’abord vérifiée ; rien n’est créé avant votre confirmation.',
  'tab.import.templateXlsx': 'Modèle (Excel)',
  'tab.import.templateCsv': 'Modèle (CSV)',
  'tab.import.choose': 'Choisir un fichier (CSV ou Excel)',
  'tab.import.drop': 'ou déposez-le ici',
  'tab.import.reading': 'Vérification de {file}…',
  'tab.import.problems': 'Problèmes à corriger',
  'tab.import.failures': 'Lignes en échec',
  'tab.import.column.line': 'Ligne',
  'tab.import.column.column': 'Colonne',
  'tab.import.column.problem': 'Problème',
  'tab.import.wholeRow': 'Toute la ligne',
  'tab.import.allReady': 'Toutes les lignes sont prêtes.',
  'tab.import.report': 'Télécharger le rapport des problèmes',
  'tab.import.reportHint':
    'Le rapport est votre fichier avec une colonne Problèmes : corrigez les lignes dans Excel, puis choisissez à nouveau le fichier.',
  'tab.import.confirmTitle': 'Créer les clients ?',
  'tab.import.confirmText':
    'Leurs domaines ne pourront plus être changés une fois créés. Les lignes avec des problèmes sont laissées de côté.',
  'tab.import.back': 'Revenir',
  'tab.import.cancel': 'Annuler l’importation',
  'tab.import.progress': 'Progression de l’importation',
  'tab.import.started': 'L’importation a commencé.',
  'tab.import.leftOut':
    'Les lignes avec des problèmes sont laissées de côté : corrigez-les dans le fichier et choisissez-le à nouveau, ou créez dès maintenant les clients prêts.',
  'tab.import.noneReady':
    'Aucune ligne n’est prête. Corrigez le fichier et choisissez-le à nouveau.',
  'tab.import.followed':
    'Les clients créés figurent dans la liste des clients ; leur vérification a commencé.',
  'tab.import.headerProblems': 'Les colonnes de {file} ne peuvent pas être lues :',
  'tab.error.importNotFound': 'Cette importation n’existe pas ou appartient à un autre partenaire.',
  'tab.invalid.name': 'Nom du fichier : utilisez au plus 255 caractères.',
  'tab.invalid.jobId': 'Importation : l’identifiant de l’importation n’est pas valide.',
  'tab.invalid.file':
    'Fichier : envoyez le fichier lui-même comme corps, de type application/octet-stream.',
  'tab.invalid.body': 'Requête : envoyez un objet JSON vide, de type application/json.',
  'import.file.overLimit':
    'Le fichier dépasse {max}, la limite. Divisez-le en fichiers plus petits.',
  // The message extension (manifest and answers)
  'extension.title': 'Trouver un client',
  'extension.description':
    'Trouvez vos clients Éducation par nom, domaine ou ID client, et par statut de vérification, et insérez une carte de statut.',
  'extension.customer.title': 'Client',
  'extension.customer.description':
    'Nom ou partie du nom, domaine (contoso.onmicrosoft.com) ou ID client',
  'extension.status.title': 'Statut',
  'extension.status.description':
    'Statut de vérification : Aucun, En cours d’examen, Approuvé ou Refusé',
  'extension.waitingDays.title': 'Jours depuis la demande',
  'extension.waitingDays.description':
    'Seulement les clients dont la demande de vérification date d’au moins ce nombre de jours (un nombre entier)',
  'extension.choice.None': 'Aucun',
  'extension.choice.InReview': 'En cours d’examen',
  'extension.choice.Approved': 'Approuvé',
  'extension.choice.Denied': 'Refusé',
  'extension.prompt.1': 'Trouve le statut de vérification du lycée Contoso',
  'extension.prompt.2': 'Lesquelles de mes écoles sont en examen depuis plus d’une semaine ?',
  'extension.prompt.3': 'Montre mes clients Éducation refusés',
  'extension.openDetail': 'Ouvrir dans le tableau de bord',
  'extension.tooLong':
    'Client : saisissez au plus {max} caractères (un nom, un domaine ou un ID client).',
  'extension.badStatus':
    'Statut : « {value} » n’est pas un statut. Utilisez Aucun, En cours d’examen, Approuvé ou Refusé.',
  'extension.badInvoke':
    'Je ne comprends pas cette demande de recherche : {field} manque ou est incorrect.',
  'extension.badDays': 'Jours depuis la demande : utilisez un nombre entier de 0 à {max}.',
} as const satisfies Catalogue;
