import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { PageShell } from '../../components/page-shell';
import type { PickedPhoto } from '../../components/photo-picker';
import { PollEditor } from '../../components/poll-editor';
import { emptyPollForm, formOfPoll, type PollForm } from '../../components/poll-editor.model';
import { messageOf } from '../../services/http';
import { photoSource } from '../../services/photos';
import { createPoll, getPoll, updatePoll, type PollDraft } from '../../services/polls';
import { currentAccount } from '../../services/session';
import { canDraftPolls } from '../../components/roster-roles';
import './index.scss';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; form: PollForm; photos: PickedPhoto[]; version: number | null };

/**
 * 发起议题 (no id) or 编辑草稿 (`?id=`): the editor, saving a new draft or the draft at the version
 * it was opened with; saved, the poll's page takes over (publishing happens there).
 */
export default function PollEdit() {
  const account = currentAccount();
  const id = useRouter().params.id;
  const [loaded, setLoaded] = useState<Loaded>(() => (id ? { state: 'loading' } : { state: 'ready', form: emptyPollForm(new Date()), photos: [], version: null }));

  const load = () => {
    if (!id) return;
    setLoaded({ state: 'loading' });
    getPoll(id).then(
      (poll) => {
        if (poll.status !== 'draft') {
          setLoaded({ state: 'failed', message: '议题已经发布，问题不能再修改' });
          return;
        }
        void Taro.setNavigationBarTitle({ title: '编辑草稿' });
        // A draft's photos are its managers' alone: a bare link (no token) is answered 404, so the tiles show signed copies.
        return Promise.all(poll.photos.map((photo) => photoSource(photo.thumbnailUrl))).then((previews) => {
          const photos = poll.photos.map((photo, index): PickedPhoto => ({ key: photo.id, id: photo.id, preview: previews[index]!, status: 'done' }));
          setLoaded({ state: 'ready', form: formOfPoll(poll), photos, version: poll.version });
        });
      },
      (error: unknown) => setLoaded({ state: 'failed', message: messageOf(error) }),
    );
  };
  useEffect(load, [id]);

  if (!account || !canDraftPolls(account.role)) {
    return (
      <PageShell className='poll-edit-page'>
        <EmptyState title={account ? '只有居委会、网格长和物业可以发起议题' : '请先登录工作账号'} />
      </PageShell>
    );
  }

  const save = async (body: PollDraft) => {
    if (loaded.state !== 'ready') return;
    const saved = loaded.version === null || !id ? await createPoll(body) : await updatePoll(id, loaded.version, body);
    void Taro.showToast({ title: '草稿已保存', icon: 'success' });
    void Taro.redirectTo({ url: `/staff/poll-manage/index?id=${encodeURIComponent(saved.id)}` });
  };

  return (
    <PageShell className='poll-edit-page'>
      {loaded.state === 'loading' ? (
        <View className='poll-edit-page__loading'>
          <Skeleton rows={6} animated />
        </View>
      ) : loaded.state === 'failed' ? (
        <EmptyState title='草稿打不开' description={loaded.message}>
          <Button type='primary' size='small' onClick={load}>
            重新加载
          </Button>
        </EmptyState>
      ) : (
        <>
          {account.role === 'property_manager' ? <Text className='poll-edit-page__note'>物业发起的议题保存为草稿，由社区审核发布</Text> : null}
          <PollEditor account={account} initial={loaded.form} initialPhotos={loaded.photos} onSave={save} saveLabel='保存草稿' />
        </>
      )}
    </PageShell>
  );
}
