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
