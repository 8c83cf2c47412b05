/**
 * The topic charts on /topics/: a percentage axis, the first and last years labelled, a legend, and years
 * to scale (a year with no archived policy is a gap, not a neighbour).
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../support/site.ts';

const $ = cheerio.load(readFileSync(builtFile('topics/index.html'), 'utf8'));
const charts = $('figure.chart').toArray();

describe('topic charts on /topics/', () => {
  it('explains the charts once, above them: ticks, shares, years to scale', () => {
    expect($('main > p.muted').text()).toMatch(/tick.*share.*to scale/s);
  });

  it('has one chart per topic', () => {
    expect(charts.length).toBeGreaterThan(5);
    expect($('.topic-list > li').length).toBe(charts.length);
  });

  it.each(charts.map((chart, index) => [index, chart] as const))('chart %i has axis labels and a legend', (_index, chart) => {
    const figure = $(chart);
    const yLabels = figure.find('text.y-label').map((_, el) => $(el).text().trim()).get();
    expect(yLabels).toEqual(['100%', '0%']);
    const years = figure.find('rect').map((_, el) => Number($(el).attr('data-year'))).get();
    const xLabels = figure.find('text.x-label').map((_, el) => $(el).text().trim()).get();
    expect(xLabels[0]).toBe(String(Math.min(...years)));
    expect(xLabels.at(-1)).toBe(String(Math.max(...years)));
    expect(years.length).toBeGreaterThan(1);
    expect(figure.find('line.tick')).toHaveLength(years.length);
    expect(figure.find('figcaption').text()).toMatch(/share of each year's policies/i);
    expect(figure.find('svg').attr('role')).toBe('img');
  });

  it('places years to scale: a missing year leaves a gap of one year', () => {
    const bars = $(charts[0]).find('rect').map((_, el) => ({ year: Number($(el).attr('data-year')), x: Number($(el).attr('x')) })).get();
    const years = bars.map((bar) => bar.year);
    // The test site's policies leave years out (2005-2008, then 2018, ...): the first gap is checked.
    const after = years.find((year, i) => i > 0 && year - years[i - 1] > 1);
    expect(after, `a year missing between ${years.join(', ')}`).toBeDefined();
    const before = years[years.indexOf(after!) - 1];
    const step = (bars[1].x - bars[0].x) / (bars[1].year - bars[0].year);
    expect(step).toBeGreaterThan(0);
    for (const bar of bars) expect(bar.x - bars[0].x).toBeCloseTo((bar.year - bars[0].year) * step, 0);
    const x = (year: number) => bars.find((bar) => bar.year === year)!.x;
    expect(x(after!) - x(before)).toBeCloseTo((after! - before) * step, 0);
    expect(after! - before).toBeGreaterThan(1);
  });
});
