import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkReceiptSchema } from '../../shared/api/polls';
import { messageOf } from '../services/http';
import { checkReceipt, type PollQuestion, type ReceiptCheck } from '../services/polls';
import { ballotLines } from './poll-ballot.model';
import './poll-receipt-check.scss';

/** 查验我的选票: the voter's receipt code shows whether their ballot is counted and what it says; nobody else holds the code. */
export function PollReceiptCheck({ pollId, questions, initial = '' }: { pollId: string; questions: PollQuestion[]; initial?: string }) {
  const [code, setCode] = useState(initial);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState('');
  const [answer, setAnswer] = useState<ReceiptCheck>();

  const check = async () => {
    setAnswer(undefined);
    const parsed = checkReceiptSchema.safeParse({ receipt: code.toUpperCase() });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '回执码格式不正确');
      return;
    }
    setError('');
    setChecking(true);
    try {
      setAnswer(await checkReceipt(pollId, parsed.data.receipt));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setChecking(false);
    }
  };

  return (
    <View className='receipt-check'>
      <Text className='receipt-check__hint'>输入投票后得到的回执码，查看您的选票是否已按所投计入。</Text>
      <View className='receipt-check__row'>
        <Input
          className='receipt-check__input'
          value={code}
          maxlength={19}
          placeholder='如 7KQ2-M9XD-4RTA-PW3E'
          aria-label='回执码'
          onInput={(event) => {
            setCode(event.detail.value.toUpperCase());
            setError('');
          }}
        />
        <Button type='primary' size='small' loading={checking} disabled={checking} onClick={() => void check()}>
          查验
        </Button>
      </View>
      {error && (
        <View className='receipt-check__error' role='alert'>
          {error}
        </View>
      )}
      {answer && (
        <View className={`receipt-check__answer receipt-check__answer--${answer.status}`} role='status'>
          <Text className='receipt-check__status'>{answer.status === 'counted' ? '✓ 您的选票已计入' : '您的选票已收到，将在数分钟内计入（最迟在投票结束时）'}</Text>
          {ballotLines(questions, answer.choices).map((line) => (
            <View key={line.question} className='receipt-check__line'>
              <Text className='receipt-check__question'>{line.question}</Text>
              <Text className='receipt-check__choice'>{line.answers}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
