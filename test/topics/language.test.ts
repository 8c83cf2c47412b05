import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/lib/clauses/types.ts';
import { labelTopics } from '../../src/lib/topics/label.ts';
import { readsAsEnglish } from '../../src/lib/topics/language.ts';
import { growth, MAX_LINEAR_RATIO } from '../support/growth.ts';

describe('clauses in another language lose the catch-all topics (docs/topics.md, stop 18)', () => {
  it('tells clauses of other languages from English ones, addresses and lists of nouns included', () => {
    for (const text of [
      'Zur Wahrnehmung einer Aufgabe im öffentlichen Interesse oder zur Ausübung einer amtlichen Befugnis.', // hi5.com
      "Nous n'avons aucun contrôle sur le champ d'application des données collectées par Apple dans le cadre d'une connexion via Apple.", // tagged.com
      'În scopuri de arhivare în interes public, cercetare științifică, cercetare istorică sau scopuri statistice.',
      'Nuestros Servicios pueden incluir enlaces a sitios web o funciones de terceros, o ofrecer ciertas conexiones por medio de terceros.',
    ]) {
      expect(readsAsEnglish(text), text).toBe(false);
    }
    for (const text of [
      'We keep your information for as long as your account is active.',
      'Valve Corporation Att. Data Protection officer P.O. Box 1688 Bellevue, WA 98009', // an address: no function words at all
      'ACTIVITY INFORMATION: Account created date, activity logs, timestamps, device information, web activity, wish list',
      'Short line',
    ]) {
      expect(readsAsEnglish(text), text).toBe(true);
    }
  });

  it('labelTopics takes Other provisions and Introduction off them', () => {
    const text = 'Utilizarea de către dvs. a serviciilor noastre este supusă Termenilor și condițiilor noastre, inclusiv termenilor aplicabili ai acestora care guvernează limitările răspunderii.'; // hi5.com, Romanian: Other provisions before
    const clause: Clause = { id: 'x', kind: 'paragraph', ordinal: 1, position: 1, html: text, text, topics: [] };
    labelTopics([{ id: 's', heading: '', level: 2, blocks: [{ type: 'clause', clause }] }]);
    expect(clause.topics).not.toContain('other');
    expect(clause.topics).not.toContain('introduction');
  });

  for (const c of [
    { name: 'one long word', make: (n: number) => 'a'.repeat(n) },
    { name: 'no letters', make: (n: number) => '1 '.repeat(n) },
    { name: 'many words', make: (n: number) => 'der '.repeat(n) },
  ]) {
    it(`takes time linear in the text (untrusted input): ${c.name}`, () => {
      const g = growth(c.make, readsAsEnglish, 16000);
      expect(g.ratio, `${g.small.toFixed(3)} ms at n, ${g.large.toFixed(3)} ms at 4n`).toBeLessThan(MAX_LINEAR_RATIO);
    }, 180_000);
  }
});
