import { describe, expect, it } from 'vitest';
import { pollDraftSchema } from '../../shared/api/polls';
import { emptyPollForm, formErrorsFrom, formFieldOf, formOfPoll, isoWithOffset, newOption, newQuestion, passRuleLabel, pollRequestBody, validatePollForm, type PollForm } from './poll-editor.model';

const now = new Date('2026-03-02T01:20:00Z');

function shedPoll(changes: Partial<PollForm> = {}): PollForm {
  const form = emptyPollForm(now, { compoundCode: 'C001' });
  form.questions[0].text = '您是否同意建设充电车棚？';
  return {
    ...form,
    title: '是否在3栋北侧建设电动自行车充电车棚',
    background: '3栋北侧空地常有电动车飞线充电，居民多次反映，拟建设充电车棚。',
    ...changes,
  };
}

describe('the poll editor form', () => {
  it('starts with one 同意/不同意/弃权 question, voting from now (to the minute) for a week', () => {
    const form = emptyPollForm(new Date('2026-03-02T01:20:42.500Z'));
    expect(form.questions[0].options.map((option) => option.text)).toEqual(['同意', '不同意', '弃权']);
    expect(form.opensAt?.toISOString()).toBe('2026-03-02T01:20:00.000Z');
    expect(form.closesAt?.toISOString()).toBe('2026-03-09T01:20:00.000Z');
  });

  it('builds a body the shared schema accepts, with Beijing times and 过半数 as more than half', () => {
    const form = shedPoll({ quorumPercent: '50', pass: { enabled: true, optionIndex: 0, preset: 'majority', customPercent: '', customRule: 'at_least' } });
    const body = pollRequestBody(form, ['0123456789abcdef0123456789abcdef']);
    expect(body).toMatchObject({
      scope: { kind: 'compound', compoundCode: 'C001' },
      photoIds: ['0123456789abcdef0123456789abcdef'],
      opensAt: '2026-03-02T09:20:00+08:00',
      quorum: 0.5,
      pass: { optionIndex: 0, threshold: 0.5, rule: 'more_than' },
    });
    expect(body.questions[0]).toEqual({ text: '您是否同意建设充电车棚？', kind: 'single', options: [{ text: '同意' }, { text: '不同意' }, { text: '弃权' }] });
    expect(pollDraftSchema.safeParse(body).success).toBe(true);
  });

  it('sends 三分之二以上 as exactly two thirds, at least', () => {
    const body = pollRequestBody(shedPoll({ pass: { enabled: true, optionIndex: 1, preset: 'two_thirds', customPercent: '', customRule: 'more_than' } }), []);
    expect(body.pass).toEqual({ optionIndex: 1, threshold: 2 / 3, rule: 'at_least' });
  });

  it('reads a custom percentage as people type it, full-width digits and % included', () => {
    const body = pollRequestBody(shedPoll({ quorumPercent: '６０％', pass: { enabled: true, optionIndex: 0, preset: 'custom', customPercent: '75%', customRule: 'at_least' } }), []);
    expect(body.quorum).toBeCloseTo(0.6);
    expect(body.pass).toEqual({ optionIndex: 0, threshold: 0.75, rule: 'at_least' });
  });

  it('leaves quorum and pass out when not set, and lets a multiple-choice question choose every option by default', () => {
    const form = shedPoll();
    form.questions.push({ ...newQuestion(['修车棚', '装监控', '加照明']), text: '还希望做哪些改善？', kind: 'multiple' });
    const body = pollRequestBody(form, []);
    expect(body).not.toHaveProperty('quorum');
    expect(body).not.toHaveProperty('pass');
    expect(body.questions[1]).toMatchObject({ kind: 'multiple', maxChoices: 3 });
  });

  it('sends buildings or a grid as the scope the form chose', () => {
    expect(pollRequestBody(shedPoll({ scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: ['C001-B03'], gridCode: '' } }), []).scope).toEqual({ kind: 'buildings', compoundCode: 'C001', buildingCodes: ['C001-B03'] });
    expect(pollRequestBody(shedPoll({ scope: { kind: 'grid', compoundCode: 'C001', buildingCodes: [], gridCode: 'G0101' } }), []).scope).toEqual({ kind: 'grid', gridCode: 'G0101' });
  });

  it('checks with the server schema and names each field, options by their place', () => {
    const form = shedPoll({ title: '车棚' });
    form.questions[0].options[1] = newOption('同意');
    form.questions[0].text = '';
    const errors = validatePollForm(form);
    expect(errors.title).toBe('标题至少4个字');
    expect(errors['questions.0.text']).toBe('问题至少2个字');
    expect(errors['questions.0.options.1']).toBe('选项重复');
  });

  it('refuses a window that closes before it opens, a quorum that is not a number, and photos still uploading', () => {
    const form = shedPoll({ closesAt: new Date('2026-03-01T00:00:00Z'), quorumPercent: '一半' });
    const errors = validatePollForm(form, [{ status: 'uploading' }]);
    expect(errors.closesAt).toBe('截止时间须晚于开始时间');
    expect(errors.quorum).toBe('参与率须为数字，如 50');
    expect(errors.photoIds).toBe('照片还在上传，请稍候');
  });

  it('asks for the compound, the buildings or the grid the scope needs', () => {
    expect(validatePollForm(shedPoll({ scope: { kind: 'compound', compoundCode: '', buildingCodes: [], gridCode: '' } }))['scope.compoundCode']).toBe('请选择小区');
    expect(validatePollForm(shedPoll({ scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: [], gridCode: '' } }))['scope.buildingCodes']).toBe('至少选择一栋楼');
    expect(validatePollForm(shedPoll({ scope: { kind: 'grid', compoundCode: '', buildingCodes: [], gridCode: '' } }))['scope.gridCode']).toBe('请选择网格');
  });

  it('accepts the e-bike shed poll as it is', () => {
    expect(validatePollForm(shedPoll())).toEqual({});
  });
});

describe("the server's field errors in the form", () => {
  it('puts each path beside its field, the PUT body’s draft prefix and list indices folded', () => {
    expect(formFieldOf('draft.questions.0.options.1.text')).toBe('questions.0.options.1');
    expect(formFieldOf('questions.2.maxChoices')).toBe('questions.2.maxChoices');
    expect(formFieldOf('photoIds.3')).toBe('photoIds');
    expect(formFieldOf('scope.buildingCodes.0')).toBe('scope.buildingCodes');
    expect(formFieldOf('pass.threshold')).toBe('pass.threshold');
    expect(formFieldOf('pass.optionIndex')).toBe('pass.optionIndex');
    expect(formFieldOf('version')).toBe('form');
  });

  it('keeps the first message of each field', () => {
    expect(formErrorsFrom({ 'draft.title': ['标题至少4个字', '另一条'], 'questions.0.options.1.text': ['选项重复'], '(body)': ['不允许的字段'] })).toEqual({
      title: '标题至少4个字',
      'questions.0.options.1': '选项重复',
      form: '不允许的字段',
    });
  });
});

describe('a draft back in the editor', () => {
  it('reads the API’s draft back into the same form, 过半数 recognised as the preset', () => {
    const form = formOfPoll({
      title: '是否在3栋北侧建设电动自行车充电车棚',
      background: '背景说明足够长的一段文字。',
      scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: ['C001-B03'] },
      questions: [{ text: '是否同意？', kind: 'single', maxChoices: 1, options: [{ id: 'o1', text: '同意' }, { id: 'o2', text: '不同意' }] }],
      votesPer: 'resident',
      opensAt: '2026-03-02T03:00:00.000Z',
      closesAt: '2026-03-09T03:00:00.000Z',
      resultsVisibility: 'live',
      publicResults: true,
      quorum: 0.3,
      pass: { optionId: 'o1', threshold: 0.5, rule: 'more_than' },
    });
    expect(form.scope).toEqual({ kind: 'buildings', compoundCode: 'C001', buildingCodes: ['C001-B03'], gridCode: '' });
    expect(form.quorumPercent).toBe('30');
    expect(form.pass).toMatchObject({ enabled: true, optionIndex: 0, preset: 'majority' });
    expect(pollRequestBody(form, []).opensAt).toBe(isoWithOffset(new Date('2026-03-02T03:00:00.000Z')));
  });

  it('keeps an unusual threshold as a custom percentage', () => {
    const form = formOfPoll({ ...emptyApiPoll(), pass: { optionId: 'o2', threshold: 0.6, rule: 'at_least' } });
    expect(form.pass).toMatchObject({ optionIndex: 1, preset: 'custom', customPercent: '60', customRule: 'at_least' });
  });
});

describe('the pass rule as people read it', () => {
  it('names the presets and spells out a custom threshold', () => {
    expect(passRuleLabel('同意', 0.5, 'more_than')).toBe('「同意」过半数');
    expect(passRuleLabel('同意', 2 / 3, 'at_least')).toBe('「同意」三分之二以上');
    expect(passRuleLabel('同意', 0.6, 'at_least')).toBe('「同意」达到60%（含）');
  });
});

function emptyApiPoll(): Parameters<typeof formOfPoll>[0] {
  return {
    title: '标题标题',
    background: '背景说明足够长的一段文字。',
    scope: { kind: 'compound', compoundCode: 'C001' },
    questions: [{ text: '是否同意？', kind: 'single', maxChoices: 1, options: [{ id: 'o1', text: '同意' }, { id: 'o2', text: '不同意' }] }],
    votesPer: 'household',
    opensAt: '2026-03-02T03:00:00.000Z',
    closesAt: '2026-03-09T03:00:00.000Z',
    resultsVisibility: 'after_close',
    publicResults: false,
    quorum: null,
    pass: null,
  };
}
