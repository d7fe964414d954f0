import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fullDetail } from '../testing/case-fixtures';
import { CaseActions } from './case-actions';
import { actPath, planActions } from './case-actions.model';

const noop = () => Promise.resolve();

describe('CaseActions', () => {
  it('shows a staff member exactly the allowed events, each opening its form', () => {
    const detail = fullDetail({ relation: 'centre', allowedEvents: [{ type: 'accept', label: '受理' }, { type: 'reject', label: '不予受理' }, { type: 'urge', label: '催办' }] });
    const { container } = render(<CaseActions detail={detail} viewerRole='street_dispatcher' onSubmit={noop} onFollow={noop} />);
    expect([...container.querySelectorAll('.nut-button')].map((button) => button.textContent)).toEqual(['受理', '不予受理', '催办']);
    expect(actPath(detail.id, 'accept', detail.version)).toBe('/staff/act/index?id=case-0001&type=accept&version=3');
  });

  it('shows nothing when nothing is allowed, and no staff buttons to the public', () => {
    const { container } = render(<CaseActions detail={fullDetail({ relation: 'staff_out_of_scope' })} viewerRole='street_dispatcher' onSubmit={noop} onFollow={noop} />);
    expect(container.textContent).toBe('');
  });

  it('lets the filer rate in place, checking the answer with the shared schema first', async () => {
    const onSubmit = vi.fn(noop);
    const detail = fullDetail({ status: 'closed', statusGroup: 'closed', allowedEvents: [{ type: 'reopen', label: '申请重办' }, { type: 'rate', label: '评价' }] });
    render(<CaseActions detail={detail} viewerRole='resident' onSubmit={onSubmit} onFollow={noop} />);
    expect(screen.getByText('评价办理结果')).toBeTruthy();
    expect(screen.getByText('问题没有解决？申请重办')).toBeTruthy();
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('请选择问题是否解决')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('offers 关注 only to a signed-in resident on someone else’s open case, and shows a refusal', async () => {
    const publicCase = { ...fullDetail(), view: 'public', relation: 'public', allowedEvents: [] } as never;
    expect(planActions(publicCase, undefined).follow).toBe(false);
    expect(planActions(publicCase, 'resident').follow).toBe(true);
    const onFollow = vi.fn(() => Promise.reject(Object.assign(new Error('你已上报或关注了该案件'), { code: 'case.already_following' })));
    render(<CaseActions detail={publicCase} viewerRole='resident' onSubmit={noop} onFollow={onFollow} />);
    fireEvent.click(screen.getByText('我也遇到，关注进展'));
    await waitFor(() => expect(onFollow).toHaveBeenCalled());
    expect(await screen.findByText('出了点问题，请稍后重试')).toBeTruthy();
  });
});
