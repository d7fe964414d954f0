import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Checkbox, Dialog, Radio } from '@nutui/nutui-react-taro';
import { ApiError, messageOf } from '../services/http';
import { castVote, type Ballot, type PollView } from '../services/polls';
import { ballotLines, ballotProblems, chooseOption, invalidBallotProblems, questionHint, refusalText } from './poll-ballot.model';
import './poll-ballot.scss';

/**
 * Where a resident votes: the questions, a confirmation that says the ballot cannot be changed,
 * then the receipt code, shown this once. When the viewer may not vote it says why instead. The
 * receipt stays on screen after the page reloads the poll (which then says "already voted").
 */
export function PollBallot({ poll, elder = false, onCast }: { poll: PollView; elder?: boolean; onCast?: (receipt: string) => void }) {
  const [choices, setChoices] = useState<Ballot>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const [receipt, setReceipt] = useState<string>();

  if (receipt) return <ReceiptCard receipt={receipt} />;
  if (!poll.me) return null;
  if (!poll.me.canVote) {
    return (
      <View className={`poll-ballot__refusal ${poll.me.voted ? 'poll-ballot__refusal--voted' : ''}`} role='status'>
        <Text className='poll-ballot__refusal-title'>{poll.me.voted ? '您已投票' : '暂不能投票'}</Text>
        <Text className='poll-ballot__refusal-text'>{refusalText(poll.me.refusal ?? (poll.me.voted ? 'poll.already_voted' : null))}</Text>
      </View>
    );
  }

  const pick = (questionId: string, optionId: string, checked: boolean) => {
    const question = poll.questions.find((candidate) => candidate.id === questionId);
    if (!question) return;
    const next = chooseOption(choices, question, optionId, checked);
    if (next === choices && checked) {
      setProblems((current) => ({ ...current, [questionId]: `最多选择${question.maxChoices}项` }));
      return;
    }
    setChoices(next);
    setProblems(({ [questionId]: _, ...rest }) => rest);
  };

  const askToConfirm = () => {
    const found = ballotProblems(poll.questions, choices);
    setProblems(found);
    setError('');
    if (Object.keys(found).length === 0) setConfirming(true);
    else setError('还有问题没有作答，请检查标出的题目');
  };

  const cast = async () => {
    setConfirming(false);
    setSending(true);
    setError('');
    try {
      const answer = await castVote(poll.id, choices);
      setReceipt(answer.receipt);
      onCast?.(answer.receipt);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'poll.invalid_ballot') setProblems(invalidBallotProblems(caught.details));
      setError(caught instanceof ApiError && caught.code.startsWith('poll.') && caught.code !== 'poll.invalid_ballot' ? refusalText(caught.code) : messageOf(caught));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className={`poll-ballot ${elder ? 'poll-ballot--elder' : ''}`}>
      {poll.questions.map((question, index) => {
        const chosen = choices[question.id] ?? [];
        return (
          <View key={question.id} className='poll-ballot__question' role='group' ariaLabel={`第${index + 1}题 ${question.text}`}>
            <Text className='poll-ballot__question-text'>
              {index + 1}. {question.text}
            </Text>
            <Text className='poll-ballot__hint'>{questionHint(question)}</Text>
            {question.kind === 'single' ? (
              <Radio.Group value={chosen[0] ?? ''} onChange={(value) => pick(question.id, String(value), true)} direction='vertical' className='poll-ballot__options'>
                {question.options.map((option) => (
                  <Radio key={option.id} value={option.id} className='poll-ballot__option' ariaLabel={option.text}>
                    {option.text}
                  </Radio>
                ))}
              </Radio.Group>
            ) : (
              <View className='poll-ballot__options'>
                {question.options.map((option) => (
                  <Checkbox
                    key={option.id}
                    className='poll-ballot__option'
                    label={option.text}
                    checked={chosen.includes(option.id)}
                    onChange={(checked) => pick(question.id, option.id, checked)}
                  />
                ))}
              </View>
            )}
            {problems[question.id] && (
              <View className='poll-ballot__problem' role='alert'>
                {problems[question.id]}
              </View>
            )}
          </View>
        );
      })}
      {error && (
        <View className='poll-ballot__error' role='alert'>
          {error}
        </View>
      )}
      <Text className='poll-ballot__note'>投票后不能更改。{poll.votesPer === 'household' ? '本议题每户一票，家中任何一位已认证成员投票即代表全户。' : '本议题每人一票。'}</Text>
      <Button type='primary' size='large' block loading={sending} disabled={sending} onClick={askToConfirm}>
        投票
      </Button>
      <Dialog
        visible={confirming}
        title='确认投票'
        confirmText='确认投出'
        cancelText='再想想'
        content={
          <View className='poll-ballot__confirm'>
            {ballotLines(poll.questions, choices).map((line) => (
              <View key={line.question} className='poll-ballot__confirm-line'>
                <Text className='poll-ballot__confirm-question'>{line.question}</Text>
                <Text className='poll-ballot__confirm-answer'>{line.answers}</Text>
              </View>
            ))}
            <Text className='poll-ballot__confirm-warning'>选票一经投出不能更改或撤回。</Text>
          </View>
        }
        onConfirm={() => void cast()}
        onCancel={() => setConfirming(false)}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}

/** The receipt, this once: big, copyable, and why only the voter holds it. */
function ReceiptCard({ receipt }: { receipt: string }) {
  const copy = () => void Taro.setClipboardData({ data: receipt }).catch(() => undefined);
  return (
    <View className='poll-receipt' role='status' ariaLabel={`投票成功，回执码 ${receipt}`}>
      <Text className='poll-receipt__title'>投票成功</Text>
      <Text className='poll-receipt__label'>您的回执码</Text>
      <Text className='poll-receipt__code' selectable>
        {receipt}
      </Text>
      <Button type='primary' fill='outline' size='small' onClick={copy}>
        复制回执码
      </Button>
      <Text className='poll-receipt__explain'>
        回执码只显示这一次，系统不保存它的明文，只有您持有。凭它可在本页“查验我的选票”确认选票已按您所投计入；居委会和其他人都无法凭它知道您投了什么。请截图或复制保存。
      </Text>
    </View>
  );
}
