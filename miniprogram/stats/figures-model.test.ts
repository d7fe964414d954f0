import { describe, expect, it } from 'vitest';
import { changeOf, figureTable, formatHours, leagueTable, publicTable, totalCards, trendTable } from './figures-model';
import { buildDashboard, buildFigureRow } from './testing/dashboard-factory';

describe('statistics figures', () => {
  it('says a change in words beside its arrow, and whether it is for the better', () => {
    expect(changeOf(1200, 1000, 'count', 'neutral')).toEqual({ arrow: '↑', words: '较上期增加 200 件（+20.0%）', tone: 'same' });
    expect(changeOf(55, 80, 'count', 'lower')).toEqual({ arrow: '↓', words: '较上期减少 25 件（−31.3%）', tone: 'better' });
    expect(changeOf(0.9, 0.95, 'rate', 'higher')).toEqual({ arrow: '↓', words: '较上期减少 5.0 个百分点', tone: 'worse' });
    expect(changeOf(4.6, 4.6, 'score', 'higher')).toEqual({ arrow: '→', words: '与上期持平', tone: 'same' });
    expect(changeOf(4.6, null, 'score', 'higher')).toEqual({ arrow: '', words: '上期无可比数据', tone: 'same' });
    expect(changeOf(3, 0, 'count', 'neutral').words).toBe('较上期增加 3 件');
  });

  it('shows six headline figures with their changes', () => {
    const cards = totalCards(buildDashboard());
    expect(cards.map((card) => [card.label, card.value])).toEqual([
      ['上报', '1,200'],
      ['结案', '1,100'],
      ['按时结案率', '95.0%'],
      ['超时', '55'],
      ['满意度', '4.6 分'],
      ['中位办理时长', '20.5 小时'],
    ]);
    expect(cards.find((card) => card.key === 'median')!.change).toMatchObject({ arrow: '↓', tone: 'better', words: '较上期减少 5.5 小时' });
  });

  it('writes long handling times in days', () => {
    expect(formatHours(47.9)).toBe('47.9 小时');
    expect(formatHours(60)).toBe('2.5 天');
    expect(formatHours(null)).toBe('—');
  });

  it('ranks the units in the order the server sent, with the league columns', () => {
    const table = leagueTable(buildDashboard().units!);
    expect(table.headers).toEqual(['排名', '单位', '按时结案率', '满意度', '结案', '退单', '催办', '督办', '升级', '中位办理时长']);
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['1', '区城管局', '98.0%', '4.8 分', '400', '3', '5', '1', '2', '18.0 小时'],
      ['2', '绿城物业', '85.0%', '4.1 分', '120', '9', '12', '4', '3', '2.5 天'],
    ]);
  });

  it('gives each trend point a label for its granularity', () => {
    const points = [{ from: '2026-11-23', filed: 1, closed: 2, closedOnTime: 1, overdue: 0 }];
    expect(trendTable(points, 'day').rows[0].cells[0]).toBe('11-23');
    expect(trendTable(points, 'week').rows[0].cells[0]).toBe('11-23起');
    expect(trendTable([{ ...points[0], from: '2026-11-01' }], 'month').rows[0].cells[0]).toBe('2026-11');
    expect(trendTable(points, 'week').headers).toEqual(['周', '上报', '结案', '按时结案', '超时']);
  });

  it('names a breakdown’s rows with dashes for what is unknown', () => {
    const table = figureTable('按街镇', '街镇', [buildFigureRow({ code: 'ST01', name: '滨湖世纪社区', filed: 3 })]);
    expect(table.rows[0].cells).toEqual(['滨湖世纪社区', '3', '0', '—', '0', '—']);
  });

  it('sorts a public breakdown busiest first with its closing rate', () => {
    const table = publicTable('按街镇', '街镇', [
      { code: 'ST02', name: '乙', filed: 5, closed: 5 },
      { code: 'ST01', name: '甲', filed: 20, closed: 10 },
      { code: 'ST03', name: '丙', filed: 0, closed: 0 },
    ]);
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['甲', '20', '10', '50.0%'],
      ['乙', '5', '5', '100.0%'],
      ['丙', '0', '0', '—'],
    ]);
  });
});
