import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../services/http';
import { setRouterParams } from '../../testing/taro';
import { fullDetail } from '../../testing/case-fixtures';

const services = vi.hoisted(() => ({ getCase: vi.fn(), actOnCase: vi.fn() }));
vi.mock('../../services/cases', () => ({ getCase: services.getCase, actOnCase: services.actOnCase }));

const { default: StaffAct } = await import('./index');

describe('the staff form page', () => {
  beforeEach(() => {
    services.getCase.mockReset().mockResolvedValue(fullDetail({ relation: 'lead_unit' }));
    services.actOnCase.mockReset();
  });

  it('checks with the shared schema before sending, under the field', async () => {
    setRouterParams({ id: 'case-0001', type: 'return', version: '3' });
    render(<StaffAct />);
    fireEvent.click(await screen.findByText('确认退单'));
    expect(await screen.findByText('原因至少填写2个字')).toBeTruthy();
    expect(services.actOnCase).not.toHaveBeenCalled();
  });

  it("sends with the version shown and puts the server's field errors under their fields", async () => {
    setRouterParams({ id: 'case-0001', type: 'resolve', version: '3' });
    services.actOnCase.mockRejectedValue(new ApiError('case.photos_required', '「电梯故障」回单须上传处置后照片', 422, { fields: { photos: ['请上传处置后照片'] } }));
    const { container } = render(<StaffAct />);
    await screen.findByText('电梯故障（万象公寓）');
    const textarea = await waitFor(() => {
      const found = container.querySelector('textarea');
      if (!found) throw new Error('the note field has not appeared yet');
      return found;
    });
    fireEvent.input(textarea, { target: { value: '已更换控制板' } });
    fireEvent.click(screen.getByText('确认回单'));
    await waitFor(() => expect(services.actOnCase).toHaveBeenCalledWith('case-0001', 'resolve', { note: '已更换控制板' }, 3));
    expect(await screen.findByText('请上传处置后照片')).toBeTruthy();
    expect(screen.getByText('「电梯故障」回单须上传处置后照片')).toBeTruthy();
    expect(textarea.value).toBe('已更换控制板');
  });
});
