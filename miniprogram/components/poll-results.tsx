import { Text, View } from '@tarojs/components';
import type { PollResults as Results, PollView } from '../services/polls';
import { outcomeOf, questionResults, turnoutLine } from './poll-results.model';
import './poll-results.scss';

/**
 * A poll's results: a bar per option with its count and share, the turnout against the
 * eligible, and the outcome against quorum and threshold. The bars are one picture for screen
 * readers; the same numbers follow as a table they can walk through.
 */
export function PollResults({ poll, results }: { poll: Pick<PollView, 'questions' | 'quorum' | 'pass' | 'votesPer'> & { votes?: number }; results: Results }) {
  const questions = questionResults(poll.questions, results);
  const outcome = outcomeOf(poll, results);
  const turnout = turnoutLine(results, poll.votesPer);
  return (
    <View className='poll-results'>
      <View className='poll-results__turnout'>
        <Text className='poll-results__turnout-text'>{turnout}</Text>
        <View className='poll-results__track'>
          <View className='poll-results__fill poll-results__fill--turnout' style={{ width: `${Math.min(100, results.turnout * 100)}%` }} />
        </View>
      </View>

      {!results.final && poll.votes !== undefined && poll.votes > results.ballots && (
        <Text className='poll-results__note poll-results__note--waiting'>
          已投 {poll.votes} 张，已计入 {results.ballots} 张：为保护投票秘密，选票攒满一批后打乱顺序一起计入，投票结束时全部计入。
        </Text>
      )}

      {(outcome.quorum || outcome.pass) && (
        <View className={`poll-results__outcome poll-results__outcome--${outcome.tone}`}>
          {outcome.pass && <Text className='poll-results__outcome-line'>{outcome.pass}</Text>}
          {outcome.quorum && <Text className='poll-results__outcome-line'>{outcome.quorum}</Text>}
        </View>
      )}

      <View role='img' ariaLabel={`投票结果条形图：${turnout}，各选项票数见下方表格`} className='poll-results__charts'>
        {questions.map((question, index) => (
          <View key={question.id} className='poll-results__question'>
            <Text className='poll-results__question-text'>
              {questions.length > 1 ? `${index + 1}. ` : ''}
              {question.text}
              {question.kind === 'multiple' ? '（多选）' : ''}
            </Text>
            {question.options.map((option) => (
              <View key={option.id} className='poll-results__option'>
                <View className='poll-results__option-head'>
                  <Text className='poll-results__option-text'>{option.text}</Text>
                  <Text className='poll-results__option-count'>
                    {option.count}票 · {option.percent}
                  </Text>
                </View>
                <View className='poll-results__track'>
                  <View className='poll-results__fill' style={{ width: `${option.share * 100}%` }} />
                </View>
              </View>
            ))}
          </View>
        ))}
      </View>

      <View role='table' ariaLabel='投票结果数字表' className='poll-results__table'>
        <View role='row'>
          <View role='columnheader'>问题</View>
          <View role='columnheader'>选项</View>
          <View role='columnheader'>票数</View>
          <View role='columnheader'>占已计选票</View>
        </View>
        {questions.flatMap((question) =>
          question.options.map((option) => (
            <View role='row' key={`${question.id}:${option.id}`}>
              <View role='cell'>{question.text}</View>
              <View role='cell'>{option.text}</View>
              <View role='cell'>{option.count}</View>
              <View role='cell'>{option.percent}</View>
            </View>
          )),
        )}
      </View>

      <Text className='poll-results__note'>{outcome.note}</Text>
    </View>
  );
}
