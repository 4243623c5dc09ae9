/** English: the reference catalogue. Other languages must have exactly these keys. */
export const en = {
  // The locale dates and numbers follow when the reader's locale names no region.
  'language.locale': 'en-GB',
  // Welcome, menu, help
  'welcome.title': 'Education customer onboarding',
  'welcome.text':
    'I help you add education customers in Partner Center, follow their verification by Microsoft, and correct and resubmit a customer that was denied.',
  'menu.add': 'Add customer',
  'menu.status': 'Check status',
  'menu.customers': 'My customers',
  'menu.help': 'Help',
  'notify.approvedTitle': 'Verification approved',
  'notify.decidedBelow': '{company}: verification {status}. The decision is below.',
  'notify.digestTitle.one': '{count} decision from Microsoft',
  'notify.digestTitle.other': '{count} decisions from Microsoft',
  'notify.digestLine': '{company}: {status}',
  'notify.digestLineReason': '{company}: {status} ({reason})',
  'notify.digestMore': 'And {count} more: type "{word:command.customers}" to see every customer.',
  'notify.deniedTitle': 'Verification denied',
  'button.follow': 'Follow',
  'button.unfollow': 'Unfollow',
  'follow.done': 'This conversation will hear here when Microsoft decides on {company}.',
  'unfollow.done': 'This conversation no longer follows {company}.',
  'notify.allOn': 'This conversation now gets every decision for your customers.',
  'notify.mineOn': 'This conversation now gets decisions only for the customers it follows.',
  'command.follow.help':
    '**{word:command.follow}** / **{word:command.unfollow}** <customer>: hear about a customer here; **{word:command.notifyAll}** / **{word:command.notifyMine}**: every decision, or only followed customers',
  'fact.requests': 'Verification requests',
  'fact.customerId': 'Customer id',
  'fact.partnerCenterRead': 'Last read from Partner Center',
  'status.partnerCenterSaid': '{at} (Partner Center says “{status}”)',
  'menu.statusPlaceholder': 'Company name, domain or id',
  'cancel.card': 'Cancelled: nothing was submitted.',
  'flow.inProgress':
    'You are in the middle of a form: fill in the card above, or type "{word:command.cancel}" to stop.',
  'form.suggestedDomain': 'I suggested {domain} from the legal name. Check it, then choose Next.',
  'help.title': 'What I can do',
  'command.add.help': '**{word:command.add}**: add an education customer, step by step',
  'command.status.help':
    '**{word:command.status}** <name, domain or id>: the verification status of a customer',
  'command.customers.help':
    '**{word:command.customers}** [{word:filter.InReview} | {word:filter.Approved} | {word:filter.Denied}]: your education customers',
  'command.resubmit.help':
    '**{word:command.resubmit}** <customer>: correct a denied customer and request verification again',
  'command.offers.help':
    '**{word:command.offers}** <customer>: what you can sell to a customer now',
  'command.cancel.help':
    '**{word:command.cancel}**: stop what we are doing; **{word:command.help}**: this list',
  'unknown.text': 'I did not understand "{text}". Here is what I can do:',
  'cancel.done': 'Cancelled. Nothing was submitted.',
  'cancel.nothing': 'There is nothing to cancel.',
  'error.generic':
    'Sorry, something went wrong on my side and this step did not finish. Whatever a card of mine showed as submitted was saved; type "{word:command.status}" and the customer\'s name to check, then try again.',
  'error.stateConflict':
    'Someone else in this conversation acted at the same moment, so your last step was not saved. Please do it again.',
  'invoke.done': 'Done.',
  'invoke.notServed':
    'This bot does not know this button. Type "{word:command.help}" to see what I can do.',
  'card.stale': 'This card is no longer active. Type "{word:command.help}" to see what I can do.',
  'customer.prompt':
    'Which customer? Type "{command}" followed by a company name, domain or customer id.',
  // The words of the status filters of "customers", as the command words (first: shown in help).
  'filter.InReview.words': 'in review|inreview|review|pending',
  'filter.Approved.words': 'approved|education',
  'filter.Denied.words': 'denied|rejected',
  'filter.None.words': 'none',

  // Commands: the words that call each ("|" between synonyms; any language's words work), its
  // help line, and its Teams command-menu description
  'command.add.words': 'add customer|add|new customer',
  'command.add.description': 'Add an education customer, step by step',
  'command.status.words': 'status',
  'command.status.description': 'Verification status of a customer: status <name, domain or id>',
  'command.customers.words': 'customers|list',
  'command.customers.description':
    'Your education customers, optionally: in review, approved, denied',
  'command.resubmit.words': 'resubmit|correct',
  'command.resubmit.description': 'Correct a denied customer and request verification again',
  'command.offers.words': 'offers',
  'command.offers.description': 'What you can sell to a customer now',
  'command.follow.words': 'follow',
  'command.unfollow.words': 'unfollow',
  'command.notifyAll.words': 'notify all',
  'command.notifyAll.description': 'Get every decision for your customers in this conversation',
  'command.notifyMine.words': 'notify mine',
  'command.cancel.words': 'cancel|stop',
  'command.help.words': 'help|?',
  'command.help.description': 'What this bot can do',
  'command.welcome.words': 'welcome|hi|hello|menu|start',

  // Roles
  'forbidden.noRole':
    "Your Teams account is not linked to a Partner Center role, so I cannot do this for you. Ask your partner administrator to add you to the bot's user list.",
  'forbidden.roleNotAllowed':
    'Your Partner Center role ({role}) cannot {capability}. Ask a Global admin to do it.',
  'forbidden.indirectReseller':
    'Indirect resellers cannot add new customers. Ask your indirect provider to add the customer, then request a reseller relationship with it in Partner Center (Customers → Request a reseller relationship).',
  'capability.addCustomer': 'add customers',
  'capability.checkStatus': 'see customers',
  'capability.correctAndResubmit': 'correct and resubmit customers',
  'role.GlobalAdmin': 'Global admin',
  'role.UserManagementAdmin': 'User management admin',
  'role.AdminAgent': 'Admin agent',
  'role.SalesAgent': 'Sales agent',

  // The add-customer form
  'form.inProgressBy':
    '{name} is filling in this form. Only they can see and change it here; type "add customer" to start your own.',
  'form.addTitle': 'Add an education customer',
  'form.correctTitle': 'Correct {company}',
  'form.stepOf': 'Step {step} of 3: {section}',
  'section.organisation': 'Organisation',
  'section.address': 'Address',
  'section.contact': 'Contact and agreement',
  'form.fixErrors': 'Please correct the fields marked below.',
  'form.requiredLabel': '{label} (required)',
  'form.requiredInCountry': 'Required in {country}',
  'form.requiredInSomeCountries': 'Required in some countries',
  'hint.companyName': "The exact legal name, as on the institution's official documents.",
  'hint.website': "Optional, but it speeds up verification: the institution's official website.",
  'hint.email': "An address on the institution's own domain (not Gmail, Outlook.com…).",
  'hint.domain':
    'Letters and digits only, at most 27. It becomes {example} and cannot be changed later.',
  'hint.domainFixed': '{domain} (cannot be changed)',
  'hint.organizationRegistrationNumber':
    'The business or tax registration ID, never a personal ID.',
  'hint.mcaDateAgreed':
    'The customer must have accepted the Microsoft Customer Agreement before you can place orders.',
  'segment.K12': 'K-12 (primary and secondary school)',
  'segment.HigherEducation': 'Higher education',
  choose: 'Choose…',
  'button.next': 'Next',
  'button.back': 'Back',
  'button.cancel': 'Cancel',
  'button.edit': 'Edit',
  'button.submit': 'Submit for verification',
  'button.resubmit': 'Resubmit for verification',
  'button.refresh': 'Refresh',
  'button.correct': 'Correct and resubmit',
  'button.offers': 'Offers',
  'button.status': 'Status',
  'button.nextPage': 'Next page',
  'review.title': 'Review and submit',
  'review.domainWarning': 'The primary domain {domain} cannot be changed after you submit.',
  'review.duration': 'Microsoft usually completes a review within three business days.',
  'review.warnings': 'Please check:',
  'submitted.title': 'Submitted – In review',
  'submitted.text':
    '{company} was added and sent for verification (request {used} of {max}). I will tell you here when Microsoft decides.',
  'resubmitted.already':
    '{company} was already resubmitted: request {request} of {max}, in review. Here is its current status.',
  'submitted.notFollowing':
    "{company} was added and sent for verification (request {used} of {max}), but this chat could not be set up to hear Microsoft's decision. Press Submit again to finish that: the customer will not be added twice.",
  'submitted.again':
    '{company} was already submitted: request {used} of {max}. Here is its current status.',

  // Status
  'status.None': 'None',
  'status.InReview': 'In review since {date}',
  'status.Approved': 'Education',
  'status.Denied': 'Not an education customer',
  'statusWord.None': 'none',
  'statusWord.InReview': 'in review',
  'statusWord.Approved': 'approved',
  'statusWord.Denied': 'denied',
  'status.reason': 'Reason: {reason}',
  'status.history': 'Last changes',
  'status.historyEntry': '{date}: {from} → {to}, by {by}',
  'status.historyCorrection': '{date}: information corrected ({fields}), by {by}',
  'status.microsoft': 'Microsoft',
  'status.reviewer': 'Microsoft (simulated review)',
  'selling.InReview':
    'While the review is in progress, new purchases, changes and cancellations are blocked. Renewals go on.',
  'selling.Denied':
    'Purchases are blocked until the customer is verified. Correct the information and resubmit.',
  'selling.Approved': 'You can sell Commercial and Education offers.',
  'selling.None': 'The customer is not tagged as education.',
  'status.noRequestsLeft':
    'All {max} verification requests are used. Contact Microsoft Support for manual verification.',
  'status.onlyGlobalAdmin': 'Only a Global admin can correct and resubmit.',
  notFound: 'I could not find a customer matching "{query}".',
  'choice.title': 'Several customers match "{query}". Which one?',
  'list.title': 'Your education customers ({total})',
  'list.titleFiltered': 'Your education customers, {status} ({total})',
  'list.empty': 'No customers to show.',
  'list.unknownStatus':
    'Use one of: {word:filter.InReview}, {word:filter.Approved}, {word:filter.Denied}.',

  // Offers
  'offers.title': 'What you can sell to {company}',
  'offers.segments': 'Segments you can sell: {segments}',
  'offers.noSegments': 'Nothing can be sold now.',
  'offers.refused': '{offer}: {reason}',
  'offers.education': 'Education offers you can sell now: {offers}.',
  'offers.commercial': 'Commercial offers you can sell now: {offers}.',
  'offers.unavailable': 'Not available now:',
  'refusal.verificationPending': 'blocked while verification is {status}',
  'refusal.segmentNotSellable': '{segment} offers cannot be sold to {customerType} customers',
  'refusal.educationOfferKind':
    'education pricing exists only for license-based services and perpetual software',
  'segmentName.Commercial': 'Commercial',
  'segmentName.Nonprofit': 'Nonprofit',
  'segmentName.Education': 'Education',
  'segmentName.GovernmentCommunityCloud': 'Government Community Cloud',

  // Resubmission
  'confirm.changes': 'What changes:',
  'confirm.change': '{field}: {from} → {to}',
  'confirm.noChanges': 'Nothing is changed: the same information is sent again.',
  'confirm.fixed': '{field}: {value} (cannot be changed)',
  'confirm.title': 'Resubmit {company} for verification',
  'confirm.text':
    'This will be verification request {request} of {max}. The corrected information is saved with it.',
  'resubmitted.text':
    '{company} was resubmitted: request {request} of {max}. Microsoft usually decides within three business days.',
  'refused.profileChanged':
    'Someone changed the billing profile of {company} in Partner Center meanwhile, so nothing was requested. Check the values, then confirm again.',
  'refused.partnerCenter':
    'Partner Center refused the request for {company} (error {code}). Check the values on the form; if they are right, contact Partner Center Support.',
  'unavailable.nothing':
    'Partner Center did not answer in time, so nothing is confirmed for {company}. Press Submit again: it cannot create the customer twice.',
  'unavailable.customer':
    'Partner Center created {company} but did not confirm the agreement and the Education request. Press Submit again to finish: nothing is created twice.',
  'unavailable.agreement':
    'Partner Center created {company} and confirmed the agreement, but did not confirm the Education request. Press Submit again to finish: nothing is created twice.',
  'refused.notDenied': 'Resubmission is only possible after a denial; {company} is "{status}".',
  'refused.requestLimitReached':
    'All {max} verification requests for {company} are used. Contact Microsoft Support for manual verification. Nothing was changed.',
  'refused.reviewInProgress':
    '{company} is being reviewed; its information can be corrected after the decision.',

  // Field labels
  'field.companyName': 'Legal company name',
  'field.educationSegment': 'Education segment',
  'field.website': 'Website',
  'field.email': 'Email',
  'field.domain': 'Primary domain',
  'field.country': 'Country',
  'field.addressLine1': 'Address line 1',
  'field.addressLine2': 'Address line 2',
  'field.city': 'City',
  'field.state': 'State or province',
  'field.postalCode': 'Postal code',
  'field.organizationRegistrationNumber': 'Organization registration ID',
  'field.phoneNumber': 'Phone number',
  'field.firstName': 'Contact first name',
  'field.lastName': 'Contact last name',
  'field.mcaSignerName': 'Agreement signer name',
  'field.mcaSignerEmail': 'Agreement signer email',
  'field.mcaDateAgreed': 'Date the agreement was accepted',
  'field.culture': 'Culture',
  'field.language': 'Language',
  'field.reason': 'Reason',
  'field.body': 'Form',

  // Validation issues: {field} is the localised label
  'issue.required': '{field} is required.',
  'issue.tooShort': '{field} must be at least {min} characters.',
  'issue.tooLong': '{field} must be at most {max} characters.',
  'issue.invalidChoice': '{field}: choose one of the options.',
  'issue.invalidFormat': '{field} has an invalid format.',
  'issue.onlySpecialCharacters':
    '{field} must contain letters or digits, not only symbols or spaces.',
  'issue.legalSuffixOnly':
    '{field} is only a legal suffix (like "LLC" or "Inc"). Enter the full legal name.',
  'issue.repeatedCharacter': '{field} is one character repeated. Enter the real legal name.',
  'issue.testName':
    '{field} looks like a test entry ("{word}"). Enter the exact legal name from official documents.',
  'issue.acronym':
    '{field} looks like an acronym. Use the full legal name, or verification may fail.',
  'issue.containsTld':
    '{field} contains a web address ending (like ".com"). Use the legal name, not the website.',
  'issue.invalidEmail': '{field} is not a valid email address (name@institution.edu).',
  'issue.freeEmailProvider':
    "{field} uses a free mail provider ({domain}). Use an address on the institution's own domain.",
  'issue.onMicrosoftEmail':
    "{field} cannot be an .onmicrosoft.com address. Use the institution's own domain.",
  'issue.microsoftEmail':
    "{field} cannot be a microsoft.com address. Use the institution's own address.",
  'issue.placeholderName':
    "{field} looks like a placeholder. Enter the contact person's real name.",
  'issue.noLetters': '{field} must contain letters, not only digits or symbols.',
  'issue.invalidDomainCharacters':
    '{field} may contain only letters a–z and digits 0–9: no spaces, dots, hyphens or accents.',
  'issue.domainTaken': '{domain} is already taken. Choose another prefix.',
  'issue.domainTakenSuggestion':
    '{domain} is already taken. Choose another prefix, for example "{suggestion}".',
  'issue.domainImmutable': '{field} cannot be changed after the customer is created.',
  'issue.unknownCountry': '{field}: choose a country from the list.',
  'issue.requiredForCountry': '{field} is required for customers in {country}.',
  'issue.invalidPhone': '{field} must have 7 to 15 digits, optionally starting with +.',
  'issue.invalidRegistrationNumber':
    '{field} must be the business or tax registration ID (letters, digits, spaces, ".", "/", "-").',
  'issue.invalidUrl': '{field} must be a web address such as https://www.school.edu.',
  'issue.invalidDate': '{field} must be a date (YYYY-MM-DD).',
  'issue.futureDate': '{field} cannot be in the future.',
  'issue.unknownField': '{field} cannot be set here.',
  'field.rowKind': 'Row kind',
  'field.problems': 'Problems',
  'import.rowKind.new.words': 'new|new customer',
  'import.rowKind.correction.words': 'correction|correct|resubmit',
  'issue.duplicateInFile': '{field}: the same domain is already on row {line}.',
  'issue.alreadyCustomer':
    '{field}: {company} is already your customer with this domain. Delete the row, or mark it as a correction.',
  'issue.unknownCustomer': '{field}: none of your customers has the domain {domain}.',
  'issue.notDenied':
    '{field}: this customer is {status}; only a denied customer can be corrected and sent again.',
  'issue.noRequestsLeft': '{field}: this customer has used all {max} verification requests.',
  'issue.invalidRowKind':
    '{field}: “{value}” is not a row kind. Write {word:import.rowKind.new} or {word:import.rowKind.correction}, or leave it blank.',
  'import.groupChat':
    'I can import a spreadsheet of customers only in our personal chat: that is where Teams gives bots files. [Open our chat]({link}) and send the file there.',
  'import.download.hostNotAllowed':
    'I did not take this file: it does not come from Teams’ file storage (SharePoint or OneDrive). Send it again from Teams.',
  'import.download.downloadFailed': 'I could not download the file from Teams. Send it again.',
  'import.headerProblems': 'I cannot read the columns of {file}:',
  'import.templates': 'Start from the template: [Excel]({xlsx}) · [CSV]({csv})',
  'import.preview.title': 'Import of {file}',
  'import.fact.rows': 'Rows',
  'import.fact.ready': 'Ready',
  'import.fact.problems': 'With problems',
  'import.fact.created': 'Created',
  'import.fact.failed': 'Failed',
  'import.fact.waiting': 'Waiting',
  'import.preview.firstProblems': 'The first problems:',
  'import.problemLine': 'Row {line} · {problem}',
  'import.preview.leftOut':
    'Fix these rows in the file and send it again, or create the ready customers now: the rows with problems are left out.',
  'import.preview.domainsFixed':
    'Check the domains first: they cannot be changed once the customers are created.',
  'import.preview.noneReady': 'No row is ready yet. Fix the file and send it again.',
  'import.button.start.one': 'Create {count} customer',
  'import.button.start.other': 'Create {count} customers',
  'import.button.templateXlsx': 'Template (Excel)',
  'import.button.templateCsv': 'Template (CSV)',
  'import.button.openReport': 'Open the report in the tab',
  'import.button.cancel': 'Cancel the import',
  'import.progress.title': 'Importing {file}',
  'import.progress.text': '{done} of {total} rows done.',
  'import.summary.finishedTitle': 'Import of {file} finished',
  'import.summary.cancelledTitle': 'Import of {file} cancelled',
  'import.summary.failedRows': 'The rows that failed:',
  'import.summary.follows':
    'This chat follows the customers it created: it hears here when Microsoft decides.',
  'import.cancelled': 'The import is cancelled. The customers already created stay.',
  'import.refusal.importRunning':
    'Another import is running for your organisation. Wait until it has finished, or cancel it.',
  'import.refusal.importNotFound': 'I no longer know this import. Send the file again.',
  'import.refusal.importNotPreviewed': 'This import was already started or cancelled.',
  'import.refusal.nothingReady': 'No row of this file is ready. Fix it and send it again.',
  'import.templateName': 'education-customers-template',
  'import.reportName': 'import-problems',
  'import.file.empty': 'The file is empty.',
  'import.file.tooLarge': 'The file is {size}; the limit is {max}. Split it into smaller files.',
  'import.file.tooManyRows':
    'The file has more than {max} rows. Split it into files of at most {max} rows.',
  'import.file.cellTooLong':
    'Line {line} has a cell longer than {max} characters, longer than any field. Check that line.',
  'import.file.legacyXls':
    'This is an old Excel .xls file. Save it as an Excel Workbook (.xlsx) or as CSV, and send it again.',
  'import.file.binary':
    'This file is not a spreadsheet: it holds binary data. Send an .xlsx or .csv file.',
  'import.file.notXlsx':
    'This file is a zip archive, but not an Excel workbook I can read. Save it as an Excel Workbook (.xlsx) or as CSV.',
  'import.file.unzippedTooLarge':
    'Unpacked, this workbook would take more than {max}. Send a smaller file, or save it as CSV.',
  'import.file.csvSyntax':
    'The CSV file cannot be read near line {line}: a quote is not closed. Fix that line, or save the file again from your spreadsheet program.',
  'import.file.noRows': 'The file has no rows under its header. Fill in one row per customer.',
  'import.file.missingColumn': 'The column “{column}” is missing. Use the headers of the template.',
  'import.file.unknownColumn':
    'The column “{header}” is not one I know. Rename it to a header of the template, or delete it.',
  'import.file.repeatedColumn': 'The column “{header}” is there twice. Keep one.',

  // The operator API and the CLI (English only: other catalogues repeat these)
  'admin.tooManyAttempts':
    'Too many wrong operator keys from this address; try again in {seconds} s.',
  'admin.decidedByPartnerCenter':
    "This bot is connected to Partner Center (PARTNER_CENTER=api): decisions are Microsoft's, read from Partner Center, and cannot be made here.",
  'admin.unauthorized': 'Send the operator key as "Authorization: Bearer <ADMIN_API_KEY>".',
  'admin.invalidDecision': 'Send {"status":"Approved"} or {"status":"Denied","reason":"…"}.',
  'admin.customerNotFound': 'No customer has the id or domain "{customer}".',
  'admin.notInReview':
    "The customer's qualification is {status}, not InReview: there is no review to decide.",
  'admin.decisionNotValid': 'The decision is not valid.',
  'admin.unexpected': 'The decision could not be recorded.',
  'admin.invalidOutboxQuery': 'Use ?limit=1..200&cursor=<nextCursor of the previous page>',
  'admin.invalidListQuery': 'Use ?status=InReview|Approved|Denied|None&limit=1..100&cursor=…',

  'cli.usage':
    'Usage:\n  npm run vet -- approve <customer id or domain> [--operator <name>]\n  npm run vet -- deny <customer id or domain> --reason "<why>" [--operator <name>]\n  npm run vet -- list [--status None|InReview|Approved|Denied]\n  npm run vet -- outbox [--retry]      notifications waiting or failed; --retry sends the failed again\nThe bot must be running. VET_API_URL (default http://localhost:$ADMIN_PORT, the operator API\'s own port, 3979) and ADMIN_API_KEY come from\nthe environment or env/.env.local(.user).',
  'cli.noKey':
    'ADMIN_API_KEY is not set: put it in env/.env.local.user (the bot needs the same key).',
  'cli.badUrl': 'VET_API_URL must be a URL such as http://localhost:3979',
  'cli.noCustomer': 'Name the customer: its id or its domain.',
  'cli.noReason': '--reason is required for deny: say why, the partner sees it.',
  'cli.badStatus': '--status must be one of {statuses}.',
  'cli.badCommand': 'The command must be approve, deny, list or outbox.',
  'cli.retried': '{count} failed notification(s) queued again.',
  'cli.unreachable': 'Cannot reach the bot at {url} ({error}). Is it running (npm start)?',
  'cli.noCustomers': 'No customers.',
  'cli.outboxEmpty': 'The outbox is empty: every notification was delivered.',
  'cli.staged': 'Production tree in {folder}: built output and production dependencies only.',
  'cli.cannotStage': 'Cannot stage the production tree: {error}',
  'cli.unknownInstruction':
    "The Dockerfile's runtime stage uses {instruction}, which the production tree cannot run as a plain command.",

  // Configuration problems, read when the start stops (English only); each follows the variable's name
  'config.invalid': 'Invalid configuration:',
  'config.partnerCenterMode':
    'must be local (the simulation, the default) or api (the real Partner Center)',
  'config.partnerCenterClientId':
    'must be the client id (a GUID) of the app registration that calls Partner Center',
  'config.keyVaultUnresolved':
    'is a Key Vault reference App Service could not resolve: check the secret exists and the identity may read it',
  'config.requiredForApi':
    'is required with PARTNER_CENTER=api (docs/partner-center.md says where each comes from)',
  'cli.connectSignIn': 'Sign in as a partner user of tenant {tenant}, with MFA:',
  'cli.connectWaiting': 'Waiting for the sign-in (at most {minutes} minutes)...',
  'cli.connectKept':
    'Connected. The refresh token is kept in {where}; the bot reads it at start (PARTNER_CENTER=api), and keeps each newer one there.',
  'cli.connectFailed': 'No refresh token: {reason}. Nothing was kept.',
  'cli.connectSettings':
    "npm run partner-center:connect reads the bot's configuration (the environment, env/.env.<stage> and env/.env.<stage>.user); it needs PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_ID and PARTNER_CENTER_CLIENT_SECRET. {problems}",
  'config.portInUse':
    '{error}: another process listens there. Stop it, or set PORT (ADMIN_PORT for the operator API).',
  'config.wholeNumber': 'must be a whole number from {min} to {max} ({what})',
  'config.atLeast': 'must be at least {min}',
  'config.atMost': 'must be at most {max}',
  'config.adminKeyShort':
    'must be at least {min} random characters (e.g. openssl rand -hex 24), or unset to turn the operator API off',
  'config.adminKeyUnresolved':
    "is a Key Vault reference App Service could not resolve: give the app's identity the Key Vault Secrets User role on the vault, and check the secret's name",
  'config.adminKeyGuessable':
    'looks guessable (too few different characters): use a random key, e.g. openssl rand -hex 24',
  'config.host': 'must be an address or host name to listen on ({what})',
  'config.channels': 'must be channel ids such as msteams, comma separated',
  'config.clientIds': 'must be client ids (GUIDs), comma separated',
  'config.logLevel': 'must be debug, info, warn or error',
  'config.botAppId': "must be the bot's Microsoft Entra app (client) id, a GUID",
  'config.appType': 'must be MultiTenant, SingleTenant or UserAssignedMSI',
  'config.tenantId': 'must be the tenant id, a GUID',
  'config.oneOf': 'must be one of {choices}',
  'config.storage':
    'must be lowdb (files under DATA_DIR, one process) or azure (Azure Storage, several instances)',
  'config.connectionString':
    'must be a storage account connection string (Azure portal: Storage account → Access keys)',
  'config.tabAppId': "must be the tab's Microsoft Entra app (client) id, a GUID",
  'config.appIdUri': "must be the app's Application ID URI, api://<domain>/<client id>",
  'config.authorityUrl': 'must be a URL such as https://login.microsoftonline.com',
  'config.httpsOnly': 'must be https (plain http only on loopback, for tests)',
  'config.requiredForAzure':
    'is required when STORAGE=azure: a connection string, or AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_QUEUE_URL with an identity',
  'config.storageEndpoint':
    "must be the storage account's https endpoint, e.g. https://<account>.table.core.windows.net",
  'config.bothEndpoints': 'is required with the other endpoint (tables and queues are both used)',
  'config.oneAccount':
    'set either AZURE_STORAGE_CONNECTION_STRING or the endpoints with an identity, not both',
  'config.identityClientId': "must be the managed identity's client id, a GUID",
  'config.requiredWithTabApp':
    'is required when AAD_APP_CLIENT_ID is set (api://<domain>/<client id>)',
  'config.requiredWithAppIdUri': 'is required when AAD_APP_ID_URI is set',
  'config.requiredWithAppId':
    "is required when MicrosoftAppId is set (the app registration's client secret)",
  'config.requiredForAppType': 'is required when MicrosoftAppType is {type}',

  // HTTP answers of the front door (English only)
  'http.notAnActivity': 'The body must be a Bot Framework activity (a JSON object).',
  'http.fieldRequired': '{field} is required.',
  'http.fieldWrongType': '{field} has the wrong type.',
  'http.fieldInvalid': '{field} {problem}.',
  'http.channelNotAllowed': 'Activities from this channel are not accepted.',
  'http.serviceUrlNotLoopback':
    'Without credentials the bot answers only clients on this machine (a loopback serviceUrl).',
  'http.unsupportedEncoding': 'Send the body uncompressed (no Content-Encoding).',
  'http.unsupportedMediaType': 'Send the body as Content-Type: application/json (UTF-8).',
  'http.bodyTooLarge': 'The body may be at most {max} bytes.',
  'http.bodyIncomplete': 'The body ended before it was complete.',
  'http.invalidJson': 'The body is not valid JSON (UTF-8).',
  'http.tooDeep': 'The JSON may be nested at most {max} levels deep.',
  'http.unauthorized': 'A valid Bot Framework token is required.',
  'http.authenticationUnavailable': 'The token cannot be checked right now; try again later.',
  'http.internalError': 'The activity could not be processed.',

  // The personal tab (dashboard)
  'history.change': '{from} → {to}',
  'history.correction': 'Information corrected: {fields}',
  'tab.title': 'Education customers',
  'tab.devBanner':
    'Development mode: this page is not running inside Teams. You act as the development identity ({role}), and only this computer can reach the data.',
  'tab.signedInAs': 'Signed in as {name} · {role}',
  'tab.overview': 'Overview',
  'tab.chart.status': 'Customers by status',
  'tab.chart.reviewDays': 'Days in review, completed reviews',
  'tab.days.0': 'under 1 day',
  'tab.days.1': '1–2 days',
  'tab.days.2': '3–5 days',
  'tab.days.3': '6–10 days',
  'tab.days.4': 'over 10 days',
  'tab.reviewsCompleted.one': '{count} review completed; median {days}.',
  'tab.reviewsCompleted.other': '{count} reviews completed; median {days}.',
  'tab.oldestOpenReview.zero': 'The oldest open review started today.',
  'tab.oldestOpenReview.one': 'The oldest open review started {days} day ago.',
  'tab.oldestOpenReview.other': 'The oldest open review started {days} days ago.',
  'days.one': '{days} day',
  'days.other': '{days} days',
  'requests.of': '{used} of {max}',
  'list.requests': 'verification requests: {used} of {max}',
  'tab.noReviewsCompleted': 'No review has been completed yet.',
  'tab.status.None': 'None',
  'tab.status.InReview': 'In review',
  'tab.status.Approved': 'Education',
  'tab.status.Denied': 'Not an education customer',
  'tab.customers': 'Customers',
  'tab.search': 'Search by name or domain',
  'tab.filterStatus': 'Status',
  'tab.allStatuses': 'All statuses',
  'tab.sort': 'Sort by',
  'tab.sort.lastChange': 'Last change, newest first',
  'tab.sort.name': 'Company name, A to Z',
  'tab.column.company': 'Company',
  'tab.column.domain': 'Domain',
  'tab.column.segment': 'Segment',
  'tab.column.status': 'Status',
  'tab.column.requests': 'Requests',
  'tab.column.lastChange': 'Last change',
  'tab.requestsOf': '{used} of {max}',
  'tab.showing': 'Showing {from}–{to} of {total}',
  'tab.noCustomers': 'No customers match.',
  'tab.pages': 'Pages',
  'tab.previous': 'Previous page',
  'tab.next': 'Next page',
  'tab.pageOf': 'Page {page} of {pages}',
  'tab.close': 'Close',
  'tab.detail.record': 'Customer record',
  'tab.detail.reason': 'Denial reason',
  'tab.detail.timeline': 'Status history',
  'tab.detail.selling': 'What you can sell now',
  'tab.detail.share': 'Link to this customer: pasted in a chat, it shows the status card',
  'tab.detail.resubmit': 'Correct and resubmit',
  'tab.fact.added': 'Added',
  'tab.fact.address': 'Address',
  'tab.fact.contact': 'Contact',
  'tab.fact.agreement': 'Customer agreement',
  'tab.fact.agreementValue': 'accepted by {name} on {date}',
  'tab.timelineBy': 'by {by}',
  'tab.resubmitCommand': 'resubmit {customer}',
  'tab.openChat': 'Correct and resubmit in the chat',
  'tab.typeInChat': 'In the chat with the bot, type: {command}',
  'tab.resubmitReady': 'This will be verification request {request} of {max}.',
  'tab.resubmitNotDenied': 'Correcting and resubmitting is possible after a denial.',
  'tab.updated': '{company} is now: {status}.',
  'tab.live': 'Updates automatically',
  'tab.liveLost': 'Live updates interrupted; reconnecting…',
  'tab.error.network': 'The server could not be reached. Try again in a moment.',
  'tab.error.signIn':
    "Teams could not sign you in to this tab. Reload it; if this persists, ask your administrator to check the app's single sign-on setup.",
  'tab.error.token': 'Your sign-in could not be verified. Reload the tab.',
  'tab.error.keys': 'Your sign-in cannot be checked right now. Try again in a minute.',
  'tab.error.notLoopback':
    'In development mode the dashboard answers only on the computer that runs the bot.',
  'tab.error.tooManyStreams':
    'Too many dashboards are open for live updates. Close some tabs; this one will try again.',
  'tab.error.notFound': 'This customer does not exist, or belongs to another partner.',
  'tab.invalid.q': 'Search: use at most 100 characters.',
  'tab.invalid.status': 'Status: choose one of the listed statuses.',
  'tab.invalid.sort': 'Sort by: choose last change or company name.',
  'tab.invalid.pageSize': 'Page size: a whole number from 5 to 100.',
  'tab.invalid.cursor': 'Page: this page link has expired; start again from the first page.',
  'tab.invalid.id': 'Customer: the customer id is not valid.',
  'tab.nav': 'Sections',
  'tab.nav.customers': 'Customers',
  'tab.nav.import': 'Import',
  'tab.import.title': 'Import schools from a spreadsheet',
  'tab.import.intro':
    'One row per school, with the columns of the template. Every row is checked first; nothing is created until you confirm.',
  'tab.import.templateXlsx': 'Template (Excel)',
  'tab.import.templateCsv': 'Template (CSV)',
  'tab.import.choose': 'Choose a file (CSV or Excel)',
  'tab.import.drop': 'or drop it here',
  'tab.import.reading': 'Checking {file}…',
  'tab.import.problems': 'Problems to fix',
  'tab.import.failures': 'Rows that failed',
  'tab.import.column.line': 'Row',
  'tab.import.column.column': 'Column',
  'tab.import.column.problem': 'Problem',
  'tab.import.wholeRow': 'The whole row',
  'tab.import.allReady': 'Every row is ready.',
  'tab.import.report': 'Download the problem report',
  'tab.import.reportHint':
    'The report is your file with a Problems column: fix the rows in Excel, then choose the file again.',
  'tab.import.confirmTitle': 'Create the customers?',
  'tab.import.confirmText':
    'Their domains cannot be changed once they are created. Rows with problems are left out.',
  'tab.import.back': 'Go back',
  'tab.import.cancel': 'Cancel the import',
  'tab.import.progress': 'Import progress',
  'tab.import.started': 'The import started.',
  'tab.import.leftOut':
    'Rows with problems are left out: fix them in the file and choose it again, or create the ready customers now.',
  'tab.import.noneReady': 'No row is ready yet. Fix the file and choose it again.',
  'tab.import.followed':
    'The created customers are in the Customers list; their verification has started.',
  'tab.import.headerProblems': 'The columns of {file} cannot be read:',
  'tab.error.importNotFound': 'This import does not exist, or belongs to another partner.',
  'tab.invalid.name': 'File name: use at most 255 characters.',
  'tab.invalid.jobId': 'Import: the import id is not valid.',
  'tab.invalid.file': 'File: send the file itself as the body, labelled application/octet-stream.',
  'tab.invalid.body': 'Request: send an empty JSON object, labelled application/json.',
  'import.file.overLimit': 'The file is larger than {max}, the limit. Split it into smaller files.',
  // The message extension (manifest and answers)
  'extension.title': 'Find customer',
  'extension.description':
    'Find your education customers by name, domain or customer ID, and by verification status, and insert a status card.',
  'extension.customer.title': 'Customer',
  'extension.customer.description':
    'Name or part of it, domain (contoso.onmicrosoft.com) or customer ID',
  'extension.status.title': 'Status',
  'extension.status.description': 'Verification status: None, In review, Approved or Denied',
  'extension.waitingDays.title': 'Days since request',
  'extension.waitingDays.description':
    'Only customers whose verification request was made at least this many days ago (a whole number)',
  'extension.choice.None': 'None',
  'extension.choice.InReview': 'In review',
  'extension.choice.Approved': 'Approved',
  'extension.choice.Denied': 'Denied',
  'extension.prompt.1': 'Find the verification status of Contoso High School',
  'extension.prompt.2': 'Which of my schools in review started more than a week ago?',
  'extension.prompt.3': 'Show my education customers that were denied',
  'extension.openDetail': 'Open in the dashboard',
  'extension.tooLong':
    'Customer: type at most {max} characters (a name, a domain or a customer ID).',
  'extension.badStatus':
    'Status: "{value}" is not a status. Use None, In review, Approved or Denied.',
  'extension.badInvoke':
    'This search request is not one I understand: {field} is missing or wrong.',
  'extension.badDays': 'Days since request: use a whole number from 0 to {max}.',
} as const;

export type MessageKey = keyof typeof en;
/** The operator API, the CLI, HTTP answers and configuration speak English only: their keys are here alone. */
export const ENGLISH_ONLY_PREFIXES = ['admin.', 'cli.', 'http.', 'config.'] as const;
type EnglishOnlyKey = Extract<
  MessageKey,
  `admin.${string}` | `cli.${string}` | `http.${string}` | `config.${string}`
>;
/** What every other language's catalogue has: every key but the English-only ones. */
export type Catalogue = Record<Exclude<MessageKey, EnglishOnlyKey>, string>;
