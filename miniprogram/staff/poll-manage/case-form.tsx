import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { pollDecisionCaseSchema } from '../../../shared/api/polls';
import { CategoryPicker } from '../../components/category-picker';
import type { FormErrors } from '../../components/poll-editor.model';
import { getCatalog, type Catalog } from '../../services/catalog';
import { ApiError, messageOf } from '../../services/http';
import { fileDecisionCase, type PollView } from '../../services/polls';

/**
 * 转为案件: the decision becomes a case filed by the committee at the poll's compound, for the
 * unit that handles the chosen subcategory (e.g. the property company builds the shed).
 */
export function DecisionCaseForm({ poll, onFiled }: { poll: PollView; onFiled: (filed: { caseId: string; number: string }) => void }) {
  const [catalog, setCatalog] = useState<Catalog>();
  const [catalogError, setCatalogError] = useState('');
  const [subcategoryCode, setSubcategoryCode] = useState<string>();
  const [title, setTitle] = useState(poll.title.slice(0, 40));
  // The server adds the decision itself to the case: the description says what is to be done.
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [filing, setFiling] = useState(false);

  useEffect(() => {
    getCatalog().then(setCatalog, (error: unknown) => setCatalogError(messageOf(error)));
  }, []);

  const file = async () => {
    const body = { subcategoryCode: subcategoryCode ?? '', ...(title.trim() ? { title } : {}), description };
    const checked = pollDecisionCaseSchema.safeParse(body);
    if (!checked.success) {
      setErrors(caseErrors(Object.fromEntries(checked.error.issues.map((issue) => [issue.path.join('.'), [issue.message]]))));
      return;
    }
    setFiling(true);
    try {
      onFiled(await fileDecisionCase(poll.id, body));
    } catch (error) {
      const fields = error instanceof ApiError ? (error.details as { fields?: Record<string, string[]> } | undefined)?.fields : undefined;
      setErrors({ ...caseErrors(fields ?? {}), form: messageOf(error) });
    } finally {
      setFiling(false);
    }
  };

  return (
    <View className='case-form'>
      <Text className='manage-hint'>案件由本社区提交，地点为议题所在小区，与议题互相关联，居民可以跟踪落实进度。</Text>
      <View className='case-form__rows'>
        <CategoryPicker catalog={catalog} value={subcategoryCode} onChange={(code) => {
          setSubcategoryCode(code);
          setErrors(({ subcategoryCode: _dropped, ...rest }) => rest);
        }} error={errors.subcategoryCode} unavailableText={catalogError || '正在加载问题分类…'} />
      </View>
      <View className='manage-field'>
        <Text className='manage-label'>
          案件标题<Text className='manage-optional'>（选填）</Text>
        </Text>
        <Input className='manage-input' value={title} maxlength={40} placeholder='不填则用议题标题' aria-label='案件标题' onInput={(event) => setTitle(event.detail.value)} />
        {errors.title ? <Text className='manage-error'>{errors.title}</Text> : null}
      </View>
      <View className='manage-field'>
        <Text className='manage-label'>说明</Text>
        <TextArea value={description} onChange={setDescription} maxLength={1000} showCount autoSize rows={4} placeholder='要做什么、在哪里、由谁落实、何时完成' aria-label='案件说明' />
        {errors.description ? <Text className='manage-error'>{errors.description}</Text> : null}
      </View>
      {errors.form ? <Text className='manage-error'>{errors.form}</Text> : null}
      <Button type='primary' block loading={filing} disabled={filing} onClick={() => void file()}>
        提交案件
      </Button>
    </View>
  );
}

function caseErrors(fields: Record<string, string[]>): FormErrors {
  const errors: FormErrors = {};
  for (const [path, messages] of Object.entries(fields)) {
    const key = ['subcategoryCode', 'title', 'description'].includes(path) ? path : 'form';
    if (!errors[key] && messages[0]) errors[key] = messages[0];
  }
  return errors;
}
