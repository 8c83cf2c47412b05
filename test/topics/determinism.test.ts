import { describe, expect, it } from 'vitest';
import { serializeModel } from '../../src/lib/topics/model.ts';
import { ClauseClassifier } from '../../src/lib/topics/predict.ts';
import { crossValidate, DEFAULT_OPTIONS, trainModel } from '../../src/lib/topics/train.ts';
import { syntheticSegments } from './fixtures.ts';

const options = { ...DEFAULT_OPTIONS, minDf: 1, innerFolds: 2 };

describe('training determinism', () => {
  it('training twice gives byte-identical model.json', () => {
    const a = serializeModel(trainModel(syntheticSegments(), options));
    const b = serializeModel(trainModel(syntheticSegments(), options));
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
  });

  it('a different seed or data gives a different model (the test can fail)', () => {
    const a = serializeModel(trainModel(syntheticSegments(), options));
    const c = serializeModel(trainModel(syntheticSegments(5), options));
    expect(c).not.toBe(a);
  });

  it('learns the synthetic categories and classifies identically on repeat', () => {
    const clf = new ClauseClassifier(trainModel(syntheticSegments(), options));
    const text = 'Globex note 7. Data is protected with encryption and firewalls on our servers.';
    expect(clf.categories(text)).toContain('Data Security');
    expect(clf.classify(text)).toEqual(clf.classify(text));
  });

  it('cross-validation predicts every row', () => {
    const rows = syntheticSegments(4);
    const { predictions, folds } = crossValidate(rows, 2, options);
    expect(predictions.length).toBe(rows.length);
    expect(predictions.every((p) => Array.isArray(p))).toBe(true);
    expect(new Set(folds).size).toBe(2);
  });
});

const variants: Array<[string, typeof options]> = [
  ['word n-grams', options],
  ['word and character n-grams, keywords, stacking', { ...options, charMinN: 3, charMaxN: 5, keywords: true, stack: 1 }],
];

describe('richer models', () => {
  const rich = variants[1][1];
  it('train byte-identically twice and store their extra parts', () => {
    const a = serializeModel(trainModel(syntheticSegments(), rich));
    expect(serializeModel(trainModel(syntheticSegments(), rich))).toBe(a);
    const model = JSON.parse(a);
    expect(model.chars).toMatchObject({ minN: 3, maxN: 5 });
    expect(model.keywords).toBe(true);
    expect(model.stack).toHaveLength(model.labels.length);
    expect(model.terms.some((t: string) => t.startsWith('_kw_'))).toBe(true);
  });

  it('still learn the synthetic categories', () => {
    const clf = new ClauseClassifier(trainModel(syntheticSegments(), rich));
    expect(clf.categories('Globex note 7. Data is protected with encryption and firewalls on our servers.')).toContain('Data Security');
    expect(clf.categories('Hooli note 6. We keep records for two years and then erase them.')).toContain('Data Retention');
  });
});

describe.each(variants)('fast inference vectors (%s)', (_name, variantOptions) => {
  it('equal the generic vectorize() of training', async () => {
    const { vectorize } = await import('../../src/lib/topics/features.ts');
    const clf = new ClauseClassifier(trainModel(syntheticSegments(), variantOptions));
    const texts = [
      ...syntheticSegments(2).map((r) => r.text),
      'opt out opt out of emails, we share share data with partners; Contact privacy@example.com now',
      '',
    ];
    for (const text of texts) {
      const fast = clf.vector(text);
      const slow = vectorize(text, clf.model.index, clf.model.idf, clf.model.chars, clf.model.keywords);
      const asMap = (v: typeof fast) => new Map([...v.idx].map((i, k) => [i, v.val[k]]));
      const a = asMap(fast);
      const b = asMap(slow);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [i, v] of a) expect(v).toBeCloseTo(b.get(i)!, 12);
    }
    expect(clf.vector(texts.at(-2)!).idx.length).toBeGreaterThan(3);
    // a second call takes the memoised paths and must give the same vector
    expect(clf.vector(texts[0])).toEqual(clf.vector(texts[0]));
  });
});
