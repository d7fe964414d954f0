import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ApiError, messageOf } from '../services/http';
import { importRoster, type RosterImportResult } from '../services/membership';
import { formatDateTime } from '../utils/format';
import { offerSample, pickCsvFile } from './roster-import.file';
import { looksLikeCsv, rosterRefusalOf, rosterSample, ROSTER_COLUMNS, ROSTER_RELATIONS, type RosterRefusal } from './roster-import.model';
import './roster-import.scss';

type Outcome = { kind: 'idle' } | { kind: 'sending'; name: string } | { kind: 'imported'; name: string; result: RosterImportResult } | { kind: 'refused'; name: string; refusal: RosterRefusal };

/**
 * 导入花名册: the community's roster as a CSV file, checked row by row on the server; all of it is
 * imported or, when any row is wrong, none of it, with each bad row named by its line.
 */
export function RosterImport({ compoundCode, onImported }: { compoundCode?: string; onImported?: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const sample = rosterSample(compoundCode);

  const choose = async () => {
    let file;
    try {
      file = await pickCsvFile();
    } catch {
      void Taro.showToast({ title: '文件读取失败，请重新选择', icon: 'none' });
      return;
    }
    if (!file) return;
    if (!looksLikeCsv(file.name)) {
      setOutcome({ kind: 'refused', name: file.name, refusal: { kind: 'file', problem: '请选择 .csv 文件（可在 Excel 中“另存为 CSV”）' } });
      return;
    }
    setOutcome({ kind: 'sending', name: file.name });
    try {
      const result = await importRoster(file.bytes);
      setOutcome({ kind: 'imported', name: file.name, result });
      onImported?.();
    } catch (error) {
      setOutcome({ kind: 'refused', name: file.name, refusal: rosterRefusalOf(error instanceof ApiError ? error.details : undefined, messageOf(error)) });
    }
  };

  const downloadSample = async () => {
    const how = await offerSample(sample, '花名册示例.csv').catch(() => null);
    if (how === 'copied') void Taro.showToast({ title: '示例已复制', icon: 'success' });
  };

  return (
    <View className='roster-import' aria-label='导入花名册'>
      <Text className='roster-import__title'>导入花名册</Text>
      <Text className='roster-import__hint'>CSV 文件（UTF-8 或 GBK 编码均可），第一行是表头，每位住户一行：</Text>
      <View className='roster-import__columns'>
        {ROSTER_COLUMNS.map((column) => (
          <Text key={column} className='roster-import__column'>
            {column}
          </Text>
        ))}
      </View>
      <Text className='roster-import__hint'>{`关系填 ${ROSTER_RELATIONS.join('、')}。同一房屋的住户各占一行，算作一户。花名册上姓名和手机号都对得上的待审核申请会自动通过。有任何一行出错，整份花名册都不会导入。`}</Text>
      <View className='roster-import__sample'>
        <Text className='roster-import__sample-label'>示例</Text>
        <Text className='roster-import__code' userSelect>
          {sample.trim()}
        </Text>
      </View>
      <View className='roster-import__actions'>
        <Button fill='outline' size='small' onClick={() => void downloadSample()}>
          {process.env.TARO_ENV === 'h5' ? '下载示例文件' : '复制示例'}
        </Button>
        <Button type='primary' size='small' loading={outcome.kind === 'sending'} disabled={outcome.kind === 'sending'} onClick={() => void choose()}>
          选择CSV文件
        </Button>
      </View>

      {outcome.kind === 'sending' ? <Text className='roster-import__hint'>{`正在导入 ${outcome.name}…`}</Text> : null}
      {outcome.kind === 'imported' ? (
        <View className='roster-import__result roster-import__result--ok' role='status'>
          <Text className='roster-import__result-title'>{`导入成功：${outcome.name}`}</Text>
          <Text>{`共 ${outcome.result.rows} 位住户、${outcome.result.households} 户；自动认证待审核申请 ${outcome.result.verifiedClaims} 条。`}</Text>
          <Text className='roster-import__hint'>{`文件编码 ${outcome.result.encoding === 'utf-8' ? 'UTF-8' : 'GBK'} · ${formatDateTime(outcome.result.importedAt)}`}</Text>
        </View>
      ) : null}
      {outcome.kind === 'refused' ? (
        <View className='roster-import__result roster-import__result--refused' role='alert'>
          <Text className='roster-import__result-title'>{`未导入：${outcome.name}`}</Text>
          {outcome.refusal.kind === 'file' ? (
            <Text>{outcome.refusal.problem}</Text>
          ) : (
            <>
              <Text>{`${outcome.refusal.rows.length} 行有错误，整份花名册没有导入。改正后重新选择文件即可。`}</Text>
              {outcome.refusal.problem ? <Text>{outcome.refusal.problem}</Text> : null}
              <View className='roster-import__table' role='table' ariaLabel='有错误的行'>
                <View className='roster-import__row roster-import__row--head' role='row'>
                  <View className='roster-import__line' role='columnheader'>
                    行号
                  </View>
                  <View className='roster-import__reasons' role='columnheader'>
                    问题
                  </View>
                </View>
                {outcome.refusal.rows.map((row) => (
                  <View key={row.line} className='roster-import__row' role='row'>
                    <View className='roster-import__line' role='cell'>{`第${row.line}行`}</View>
                    <View className='roster-import__reasons' role='cell'>
                      {row.reasons.join('；')}
                    </View>
                  </View>
                ))}
              </View>
            </>
          )}
        </View>
      ) : null}
    </View>
  );
}
