import { Input, Text, View } from '@tarojs/components';
import { Radio, TextArea } from '@nutui/nutui-react-taro';
import type { VisitQuestionView } from '../../services/visits';

/** One of the category's own questions, drawn by its kind: 是/否, a whole number in its range, a choice, or text. */
export function QuestionField({ question, value, error, onChange }: { question: VisitQuestionView; value: string | boolean | undefined; error?: string; onChange: (value: string | boolean) => void }) {
  const range = question.kind === 'integer' && (question.min !== undefined || question.max !== undefined) ? `（${question.min ?? ''}–${question.max ?? ''}）` : '';
  return (
    <View className='record-field' role='group' ariaLabel={question.label}>
      <Text className='record-field__label'>
        {`${question.label}${range}`}
        {!question.required ? <Text className='record-field__optional'>（选填）</Text> : null}
        {question.sensitive ? <Text className='record-field__sealed'>加密保存</Text> : null}
      </Text>
      {question.kind === 'boolean' ? (
        <Radio.Group value={value === undefined ? '' : value ? 'yes' : 'no'} direction='horizontal' onChange={(picked) => onChange(picked === 'yes')}>
          <Radio value='yes'>是</Radio>
          <Radio value='no'>否</Radio>
        </Radio.Group>
      ) : question.kind === 'choice' ? (
        <Radio.Group value={typeof value === 'string' ? value : ''} direction='horizontal' onChange={(picked) => onChange(String(picked))}>
          {(question.options ?? []).map((option) => (
            <Radio key={option} value={option}>
              {option}
            </Radio>
          ))}
        </Radio.Group>
      ) : question.kind === 'integer' ? (
        <Input className='record-input' type='number' value={typeof value === 'string' ? value : ''} aria-label={question.label} placeholder='填写整数' onInput={(event) => onChange(event.detail.value)} />
      ) : (
        <View className='record-textarea'>
          <TextArea value={typeof value === 'string' ? value : ''} onChange={(text) => onChange(text)} maxLength={500} rows={2} autoSize placeholder={`请填写${question.label}`} aria-label={question.label} />
        </View>
      )}
      {error ? <Text className='visit-error'>{error}</Text> : null}
    </View>
  );
}
