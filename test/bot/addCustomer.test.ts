import assert from 'node:assert/strict';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import {
  buttonTitles,
  cardInputs,
  cardText,
  fieldError,
  type ChatClient,
} from '../support/chatClient.js';

describe('conversation: adding an education customer', () => {
  let h: BotHarness;
  beforeEach(async () => (h = await BotHarness.start()));
  afterEach(async () => h.dispose());

  /** Starts the flow; returns the id of its one card. */
  async function startForm(chat: ChatClient, command = 'add customer'): Promise<string> {
    const replies = await chat.say(command);
    assert.equal(replies.length, 1);
    return replies[0]!.id;
  }

  const LANGUAGES = [
    {
      locale: 'en-US',
      step1: 'Step 1 of 3: Organisation',
      next: 'Next',
      submit: 'Submit for verification',
      review: 'Review and submit',
      submitted: 'Submitted – In review',
      inReview: 'In review since Nov 22, 2026',
      agreed: 'Nov 1, 2026',
      country: 'US',
      culture: 'en-US',
    },
    {
      locale: 'fr-FR',
      step1: 'Étape 1 sur 3 : Organisation',
      next: 'Suivant',
      submit: 'Soumettre pour vérification',
      review: 'Vérifier et soumettre',
      submitted: 'Soumis – En cours de vérification',
      inReview: 'En cours de vérification depuis le 22 nov. 2026',
      agreed: '1 nov. 2026',
      country: 'FR',
      culture: 'fr-FR',
    },
    {
      locale: 'nl-BE',
      step1: 'Stap 1 van 3: Organisatie',
      next: 'Volgende',
      submit: 'Indienen voor verificatie',
      review: 'Controleren en indienen',
      submitted: 'Ingediend – In beoordeling',
      inReview: 'In beoordeling sinds 22 nov 2026',
      agreed: '1 nov 2026',
      country: 'BE',
      culture: 'nl-BE',
    },
    {
      locale: 'sv-SE',
      step1: 'Steg 1 av 3: Organisation',
      next: 'Nästa',
      submit: 'Skicka in för verifiering',
      review: 'Granska och skicka in',
      submitted: 'Inskickad – Under granskning',
      inReview: 'Under granskning sedan 22 nov. 2026',
      agreed: '1 nov. 2026',
      country: 'SE',
      culture: 'sv-SE',
    },
  ];
  for (const lang of LANGUAGES) {
    it(`goes through the whole flow in ${lang.locale}`, async () => {
      const chat = h.chat({ locale: lang.locale });
      const card = await startForm(chat);
      assert.match(cardText(chat.card(card)), new RegExp(lang.step1));
      // The country comes with the organisation: the address step knows what it requires.
      await chat.click(card, lang.next, { ...ORGANISATION, country: lang.country });
      await chat.click(card, lang.next, { ...ADDRESS, state: lang.country === 'US' ? 'WA' : '' });
      await chat.click(card, lang.next, CONTACT);
      const review = cardText(chat.card(card));
      assert.match(review, new RegExp(lang.review));
      assert.match(review, /contosoelementary\.onmicrosoft\.com/);
      assert.match(
        review,
        new RegExp(`: ${lang.agreed}\n`),
        "the agreement date in the reader's conventions",
      );
      const replies = await chat.click(card, lang.submit);
      assert.deepEqual(replies, [], 'the review card is replaced, not followed by a new message');
      const submitted = chat.card(card);
      assert.match(cardText(submitted), new RegExp(lang.submitted));
      assert.match(
        cardText(submitted),
        new RegExp(`${lang.inReview}\n`),
        "on the day the harness lives on, in the reader's conventions",
      );
      assert.ok(
        !buttonTitles(submitted).includes(lang.submit),
        'the submitted card cannot be submitted again',
      );

      const stored = await h.app.service.customers.operatorGet('contosoelementary');
      assert.equal(stored?.qualification.vettingStatus, 'InReview');
      assert.equal(stored?.companyProfile.companyName, 'Contoso Elementary School');
      assert.equal(stored?.billingProfile.defaultAddress.country, lang.country);
      assert.equal(stored?.billingProfile.culture, lang.culture);
      assert.deepEqual(stored?.mcaAcceptance, {
        signerName: 'Ann Lee',
        signerEmail: 'ann.lee@contoso.edu',
        dateAgreed: '2026-11-01',
      });
    });
  }

  it('works the same over the Bot Framework Emulator wire protocol', async () => {
    const chat = h.chat({ channelId: 'emulator' });
    const card = await startForm(chat);
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
    await chat.click(card, 'Submit for verification');
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
    assert.equal(
      (await h.app.service.customers.operatorGet('contosoelementary'))?.qualification
        .verificationRequests,
      1,
    );
  });

  const FAILURES: {
    step: 'organisation' | 'address' | 'contact';
    inputs: Record<string, string>;
    /** Values typed on the organisation step before this one. */
    earlier?: Record<string, string>;
    field: string;
    message: RegExp;
  }[] = [
    {
      step: 'organisation',
      inputs: { companyName: 'Test School' },
      field: 'companyName',
      message: /looks like a test entry \("test"\)/,
    },
    {
      step: 'organisation',
      inputs: { companyName: 'LLC' },
      field: 'companyName',
      message: /only a legal suffix/,
    },
    {
      step: 'organisation',
      inputs: { companyName: '999' },
      field: 'companyName',
      message: /one character repeated/,
    },
    {
      step: 'organisation',
      inputs: { email: 'ann@gmail.com' },
      field: 'email',
      message: /free mail provider \(gmail\.com\)/,
    },
    {
      step: 'organisation',
      inputs: { email: 'it@contoso.onmicrosoft.com' },
      field: 'email',
      message: /onmicrosoft\.com/,
    },
    {
      step: 'organisation',
      inputs: { domain: 'contoso-school' },
      field: 'domain',
      message: /only letters a–z and digits/,
    },
    {
      step: 'organisation',
      inputs: { domain: 'a'.repeat(28) },
      field: 'domain',
      message: /at most 27/,
    },
    {
      step: 'organisation',
      inputs: { website: 'not a website' },
      field: 'website',
      message: /web address/,
    },
    {
      step: 'organisation',
      inputs: { educationSegment: '' },
      field: 'educationSegment',
      message: /Education segment is required/,
    },
    {
      step: 'address',
      inputs: { addressLine1: '' },
      field: 'addressLine1',
      message: /Address line 1 is required/,
    },
    {
      step: 'address',
      inputs: { postalCode: '' },
      field: 'postalCode',
      message: /required for customers in United States/,
    },
    {
      step: 'address',
      // The country is chosen with the organisation, before the step that depends on it.
      earlier: { country: 'PL' },
      inputs: { state: '', organizationRegistrationNumber: '' },
      field: 'organizationRegistrationNumber',
      message: /required for customers in Poland/,
    },
    {
      step: 'address',
      inputs: { phoneNumber: 'call me' },
      field: 'phoneNumber',
      message: /7 to 15 digits/,
    },
    { step: 'contact', inputs: { firstName: 'Test' }, field: 'firstName', message: /placeholder/ },
    {
      step: 'contact',
      inputs: { lastName: '1234' },
      field: 'lastName',
      message: /must contain letters/,
    },
    {
      step: 'contact',
      inputs: { mcaSignerEmail: 'ann@' },
      field: 'mcaSignerEmail',
      message: /not a valid email/,
    },
    {
      step: 'contact',
      inputs: { mcaDateAgreed: '2099-01-01' },
      field: 'mcaDateAgreed',
      message: /cannot be in the future/,
    },
  ];
  const STEP_VALUES = { organisation: ORGANISATION, address: ADDRESS, contact: CONTACT };
  for (const failure of FAILURES) {
    it(`shows ${failure.field} = ${JSON.stringify(Object.values(failure.inputs)[0]).slice(0, 20)} under the field, keeping what was typed`, async () => {
      const chat = h.chat();
      const card = await startForm(chat);
      for (const step of ['organisation', 'address', 'contact'] as const) {
        const typed = {
          ...STEP_VALUES[step],
          ...(step === 'organisation' ? (failure.earlier ?? {}) : {}),
          ...(step === failure.step ? failure.inputs : {}),
        };
        await chat.click(card, 'Next', typed);
        if (step !== failure.step) continue;
        const shown = chat.card(card);
        assert.match(fieldError(shown, failure.field) ?? '', failure.message);
        assert.match(cardText(shown), /Please correct the fields marked below/);
        const inputs = cardInputs(shown);
        for (const [id, value] of Object.entries(typed)) {
          if (id in inputs)
            assert.equal(
              inputs[id],
              id === 'country' ? value.toUpperCase() : value,
              `${id} keeps its value`,
            );
        }
        for (const other of Object.keys(typed).filter(
          (id) =>
            id !== failure.field &&
            !(failure.field === 'organizationRegistrationNumber' && id === 'phoneNumber'),
        )) {
          assert.equal(fieldError(shown, other), undefined, `no error on ${other}`);
        }
        break;
      }
      assert.equal(
        await h.app.service.customers.operatorGet('contosoelementary'),
        undefined,
        'nothing stored',
      );
    });
  }

  it('explains failures in the user language', async () => {
    const chat = h.chat({ locale: 'fr-FR' });
    const card = await startForm(chat);
    await chat.click(card, 'Suivant', { ...ORGANISATION, companyName: '', email: 'ann@gmail.com' });
    assert.equal(
      fieldError(chat.card(card), 'companyName'),
      "Nom légal de l'organisation est obligatoire.",
    );
    assert.match(fieldError(chat.card(card), 'email') ?? '', /messagerie gratuite \(gmail\.com\)/);
  });

  it('keeps the language a form started in, whatever locale a later submit carries', async () => {
    const french = h.chat({ locale: 'fr-FR' });
    const card = await startForm(french);
    const english = h.chat({ locale: 'en-US' });
    // The same conversation, with a client that sends en-US on card submits.
    Object.defineProperty(english, 'conversationId', { value: french.conversationId });
    await english.click(card, 'Suivant', { ...ORGANISATION, companyName: '' });
    assert.equal(
      fieldError(english.card(card), 'companyName'),
      "Nom légal de l'organisation est obligatoire.",
    );
  });

  it('checks the domain at the organisation step and suggests a free one', async () => {
    const first = h.chat();
    const card1 = await startForm(first);
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await first.click(card1, 'Next', values);
    await first.click(card1, 'Submit for verification');

    const chat = h.chat({ user: { id: 'user-2', name: 'Bo', aadObjectId: 'aad-bo' } });
    const card = await startForm(chat);
    await chat.click(card, 'Next', {
      ...ORGANISATION,
      companyName: 'Contoso Elementary School North',
    });
    assert.equal(
      fieldError(chat.card(card), 'domain'),
      'contosoelementary.onmicrosoft.com is already taken. Choose another prefix, for example "contosoelementary2".',
    );
    assert.match(cardText(chat.card(card)), /Step 1 of 3/);
  });

  it('pre-fills a domain suggested from the legal name when none was typed', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    await chat.click(card, 'Next', {
      ...ORGANISATION,
      companyName: 'École Saint-Exupéry',
      domain: '',
    });
    const shown = chat.card(card);
    assert.equal(cardInputs(shown).domain, 'ecolesaintexupery');
    assert.match(
      cardText(shown),
      /I suggested ecolesaintexupery\.onmicrosoft\.com from the legal name/,
    );
    assert.match(cardText(shown), /Step 1 of 3/, 'the user checks it before going on');
    await chat.click(card, 'Next', {
      ...ORGANISATION,
      companyName: 'École Saint-Exupéry',
      domain: 'ecolesaintexupery',
    });
    assert.match(cardText(chat.card(card)), /Step 2 of 3/);
  });

  it('marks the registration ID and phone as required for a country that needs them', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    await chat.click(card, 'Next', { ...ORGANISATION, country: 'TR' });
    // Before anything is typed on the address step, it says what Türkiye requires.
    assert.match(cardText(chat.card(card)), /Required in (Türkiye|Turkey)/);
    await chat.click(card, 'Next', {
      ...ADDRESS,
      state: '',
      postalCode: '06100',
      phoneNumber: '',
    });
    const shown = chat.card(card);
    assert.match(
      fieldError(shown, 'organizationRegistrationNumber') ?? '',
      /required for customers in Türkiye|required for customers in Turkey/,
    );
    assert.match(fieldError(shown, 'phoneNumber') ?? '', /required for customers in/);
    assert.match(cardText(shown), /Required in (Türkiye|Turkey)/);
    await chat.click(card, 'Next', {
      ...ADDRESS,
      state: '',
      postalCode: '06100',
      organizationRegistrationNumber: '1234567890',
      phoneNumber: '+90 312 000 0000',
    });
    assert.match(cardText(chat.card(card)), /Step 3 of 3/);
  });

  it('lets the user edit a section from the review and come back to it', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
    assert.deepEqual(buttonTitles(chat.card(card)).filter((t) => t === 'Edit').length, 3);
    await chat.click(card, 'Edit'); // the first Edit: organisation
    assert.equal(
      cardInputs(chat.card(card)).companyName,
      'Contoso Elementary School',
      'the step shows what was entered',
    );
    await chat.click(card, 'Next', { ...ORGANISATION, website: 'contoso.edu' });
    const review = cardText(chat.card(card));
    assert.match(review, /Review and submit/);
    assert.match(
      review,
      /Website: https:\/\/contoso\.edu\n/,
      'the review shows what will be stored',
    );
  });

  it('never creates a second customer from a second submit of the same card', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
    const reviewCard = chat.card(card);
    const submit = buttonTitles(reviewCard).includes('Submit for verification');
    assert.ok(submit);
    const submitData = (JSON.stringify(reviewCard).match(
      /"data":(\{"kind":"form","flowId":"[^"]+","intent":"submit"\})/,
    ) ?? [])[1];
    assert.ok(submitData);
    await chat.submit(card, JSON.parse(submitData));
    const again = await chat.submit(card, JSON.parse(submitData));
    assert.equal(again.length, 1);
    assert.match(cardText(again[0]!.attachments?.[0]?.content), /already submitted/);
    assert.equal((await h.app.service.customers.operatorList()).total, 1);
  });

  it('creates one customer when the same submit arrives twice at once', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    for (const values of [ORGANISATION, ADDRESS, CONTACT]) await chat.click(card, 'Next', values);
    const submitData = JSON.parse(
      (JSON.stringify(chat.card(card)).match(
        /"data":(\{"kind":"form","flowId":"[^"]+","intent":"submit"\})/,
      ) ?? [])[1]!,
    );
    await Promise.all([chat.submit(card, submitData), chat.submit(card, submitData)]);
    assert.equal((await h.app.service.customers.operatorList()).total, 1);
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
  });

  it('answers help in the middle of the flow and goes on after it', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    await chat.click(card, 'Next', ORGANISATION);
    const help = await chat.say('help');
    assert.match(cardText(help[0]?.attachments?.[0]?.content), /add customer.*step by step/);
    assert.match(cardText(chat.card(card)), /Step 2 of 3/, 'the form is untouched');
    await chat.click(card, 'Next', ADDRESS);
    assert.match(cardText(chat.card(card)), /Step 3 of 3/);
    const chatter = await chat.say('what is this?');
    assert.equal(
      chatter[0]?.text,
      'You are in the middle of a form: fill in the card above, or type "cancel" to stop.',
    );
  });

  it('cancels in the middle of the flow, typed or with the button, and the old card goes stale', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    await chat.click(card, 'Next', ORGANISATION);
    const staleNext = JSON.parse(
      (JSON.stringify(chat.card(card)).match(
        /"data":(\{"kind":"form","flowId":"[^"]+","intent":"next","section":"address"\})/,
      ) ?? [])[1]!,
    );
    const cancelled = await chat.say('cancel');
    assert.deepEqual(
      cancelled.map((a) => a.text),
      ['Cancelled. Nothing was submitted.'],
    );
    assert.match(cardText(chat.card(card)), /Cancelled: nothing was submitted/);
    const late = await chat.submit(card, { ...staleNext, ...ADDRESS });
    assert.deepEqual(
      late.map((a) => a.text),
      ['This card is no longer active. Type "help" to see what I can do.'],
    );
    assert.deepEqual(
      (await chat.say('cancel')).map((a) => a.text),
      ['There is nothing to cancel.'],
    );

    const second = await startForm(chat);
    await chat.click(second, 'Cancel');
    assert.match(cardText(chat.card(second)), /Cancelled/);
    assert.equal((await h.app.service.customers.operatorList()).total, 0);
  });

  it('resumes where the user was after a restart', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    await chat.click(card, 'Next', ORGANISATION);
    await h.restart();
    await chat.click(card, 'Next', ADDRESS);
    assert.match(cardText(chat.card(card)), /Step 3 of 3/);
    await chat.click(card, 'Next', CONTACT);
    await chat.click(card, 'Submit for verification');
    assert.equal(
      (await h.app.service.customers.operatorGet('contosoelementary'))?.companyProfile.companyName,
      'Contoso Elementary School',
    );
  });

  it('shows a company name with template syntax literally', async () => {
    const chat = h.chat();
    const card = await startForm(chat);
    const evil = {
      ...ORGANISATION,
      companyName: 'Contoso ${evil} {{x}} School',
      domain: 'contosoevil',
    };
    await chat.click(card, 'Next', evil);
    await chat.click(card, 'Next', ADDRESS);
    await chat.click(card, 'Next', CONTACT);
    assert.match(
      cardText(chat.card(card)),
      /Legal company name: Contoso \$\{evil\} \{\{x\}\} School/,
    );
    await chat.click(card, 'Submit for verification');
    assert.match(cardText(chat.card(card)), /Contoso \$\{evil\} \{\{x\}\} School was added/);
  });

  it('welcomes the user when the bot is added, and answers unknown text with the menu', async () => {
    const chat = h.chat();
    const { replies } = await chat.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }],
    });
    assert.equal(replies.length, 1);
    assert.match(
      cardText(replies[0]!.attachments?.[0]?.content),
      /I help you add education customers/,
    );
    assert.deepEqual(buttonTitles(replies[0]!.attachments?.[0]?.content), [
      'Check status',
      'Add customer',
      'My customers',
      'Help',
    ]);
    const unknown = await chat.say('frobnicate');
    assert.match(
      cardText(unknown[0]?.attachments?.[0]?.content),
      /I did not understand "frobnicate"/,
    );
    const french = await h.chat({ locale: 'fr-CA' }).say('bonjour');
    assert.match(
      cardText(french[0]?.attachments?.[0]?.content),
      /Je vous aide à ajouter des clients Éducation/,
    );
  });
});
