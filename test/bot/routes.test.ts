import assert from 'node:assert/strict';
import { parseSubmit, parseText } from '../../src/bot/routes.js';

/** The parser on its own: typed words and card buttons → a command and its arguments. */

const parsed = (text: string) => {
  const request = parseText(text);
  return request.type === 'command'
    ? { command: request.command.name, args: request.args }
    : request;
};

describe('requests: typed text', () => {
  const cases: [typed: string, command: string, args: object][] = [
    ['add customer', 'add', {}],
    ['Add', 'add', {}],
    ['new customer please', 'add', {}],
    ['ajouter un client', 'add', {}],
    ['Lägg till kund', 'add', {}],
    ['klant toevoegen', 'add', {}],
    ['status contosoelementary', 'status', { customer: 'contosoelementary' }],
    ['statut   Contoso  École', 'status', { customer: 'Contoso École' }],
    ['status', 'status', { customer: '' }],
    ['customers', 'customers', {}],
    ['customers in review', 'customers', { status: 'InReview' }],
    ['list denied', 'customers', { status: 'Denied' }],
    ['kunder approved', 'customers', { status: 'Approved' }],
    ['customers sometimes', 'customers', { badStatus: 'sometimes' }],
    ['resubmit fabrikam', 'resubmit', { customer: 'fabrikam' }],
    ['corriger fabrikam', 'resubmit', { customer: 'fabrikam' }],
    ['skicka in igen fabrikam', 'resubmit', { customer: 'fabrikam' }],
    ['offers contoso', 'offers', { customer: 'contoso' }],
    ['erbjudanden contoso', 'offers', { customer: 'contoso' }],
    // The longest word wins: "unfollow" is not "follow" with an argument.
    ['unfollow contoso', 'unfollow', { customer: 'contoso' }],
    ['follow contoso', 'follow', { customer: 'contoso' }],
    ['ne plus suivre contoso', 'unfollow', { customer: 'contoso' }],
    ['sluta följa contoso', 'unfollow', { customer: 'contoso' }],
    ['notify all', 'notifyAll', {}],
    ['notify mine', 'notifyMine', {}],
    ['help', 'help', {}],
    ['?', 'help', {}],
    ['hjälp', 'help', {}],
    ['cancel', 'cancel', {}],
    ['avbryt nu', 'cancel', {}],
    ['hello there', 'welcome', {}],
  ];
  for (const [typed, command, args] of cases) {
    it(`"${typed}" → ${command} ${JSON.stringify(args)}`, () => {
      assert.deepEqual(parsed(typed), { command, args });
    });
  }

  it('matches whole words only, and says what it did not understand', () => {
    assert.deepEqual(parseText('addition'), { type: 'unknown', text: 'addition' });
    assert.deepEqual(parseText('  what   now '), { type: 'unknown', text: 'what now' });
    assert.deepEqual(parseText(''), { type: 'unknown', text: '' });
  });

  it('reads at most 500 characters of what was typed', () => {
    const request = parseText(`status ${'x'.repeat(10_000)}`);
    assert.equal(request.type, 'command');
    assert.equal(
      (request.type === 'command' ? (request.args as { customer: string }).customer : '').length,
      493,
    );
  });
});

describe('requests: card buttons', () => {
  const cases: [data: unknown, expected: unknown][] = [
    [
      { kind: 'cmd', cmd: 'add' },
      { command: 'add', args: {} },
    ],
    [
      { kind: 'cmd', cmd: 'status', customer: ' c-1 ' },
      { command: 'status', args: { customer: 'c-1' } },
    ],
    // The menu card's text box names the customer when no button did.
    [
      { kind: 'cmd', cmd: 'status', customerQuery: 'contoso' },
      { command: 'status', args: { customer: 'contoso' } },
    ],
    [
      { kind: 'cmd', cmd: 'customers', status: 'Denied', cursor: 'abc' },
      { command: 'customers', args: { status: 'Denied', cursor: 'abc' } },
    ],
    [
      { kind: 'cmd', cmd: 'unfollow', customer: 'c-1' },
      { command: 'unfollow', args: { customer: 'c-1' } },
    ],
  ];
  for (const [data, expected] of cases) {
    it(`${JSON.stringify(data)} → ${JSON.stringify(expected)}`, () => {
      const request = parseSubmit(data);
      assert.equal(request.type, 'command');
      if (request.type === 'command')
        assert.deepEqual({ command: request.command.name, args: request.args }, expected);
    });
  }

  it('takes a form step with its inputs as strings, bounded', () => {
    assert.deepEqual(
      parseSubmit({
        kind: 'form',
        flowId: 'f1',
        intent: 'next',
        section: 'address',
        city: 'Lund',
        n: 3,
        flag: true,
        nested: { a: 1 },
        long: 'y'.repeat(2000),
      }),
      {
        type: 'form',
        flowId: 'f1',
        intent: 'next',
        section: 'address',
        values: { city: 'Lund', n: '3', flag: 'true', long: 'y'.repeat(1000) },
      },
    );
  });

  const invalid: [why: string, data: unknown][] = [
    ['an unknown command', { kind: 'cmd', cmd: 'format-disk' }],
    ['a command name too long', { kind: 'cmd', cmd: 'x'.repeat(33) }],
    ['a status that is not one', { kind: 'cmd', cmd: 'customers', status: 'Maybe' }],
    ['a form step without its flow', { kind: 'form', intent: 'next' }],
    ['a form intent that is not one', { kind: 'form', flowId: 'f1', intent: 'delete' }],
    [
      'a section that is not one',
      { kind: 'form', flowId: 'f1', intent: 'edit', section: 'billing' },
    ],
    ['no kind', { cmd: 'add' }],
    ['a string', 'add'],
    ['an array', [1, 2]],
  ];
  for (const [why, data] of invalid) {
    it(`refuses ${why}`, () => assert.deepEqual(parseSubmit(data), { type: 'invalidSubmit' }));
  }
});
