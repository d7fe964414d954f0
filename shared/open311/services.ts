import { priorityLabels, type Catalog, type Category, type Subcategory } from '../catalog/types';

/**
 * The management service list as GeoReport v2 services: each subcategory (小类) is a service, its
 * code the service_code, its category (大类) the group. The catalog asks no questions of its own
 * yet, so a service's attributes are the filing facts it rules on that Open311 has no field for.
 */

/** GeoReport v2's attribute datatypes. */
export const attributeDatatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof attributeDatatypes)[number];

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** Whether the service has a definition with attributes (`services/{code}`). */
  metadata: boolean;
  /** realtime: a filing is answered with its service_request_id at once. */
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  /** false: a notice to show, not a question to answer. */
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/** The attribute codes a filing may carry (`attribute[code]=…`). */
export const attributeCodes = { title: 'title', anonymous: 'anonymous', building: 'building_code' } as const;

/** Whether the service has attributes, so `metadata` and the definition can never disagree. */
const hasAttributes = (subcategory: Subcategory) => attributesOf(subcategory).length > 0;

/** A service of the list. */
export function serviceOf(category: Category, subcategory: Subcategory): Open311Service {
  return {
    service_code: subcategory.code,
    service_name: subcategory.name,
    description: subcategory.description,
    metadata: hasAttributes(subcategory),
    type: 'realtime',
    keywords: [subcategory.name, category.name, priorityLabels[subcategory.priority]].join(','),
    group: category.name,
  };
}

/** Every subcategory of the catalog, in the catalog's order. */
export function servicesOf(catalog: Catalog): Open311Service[] {
  return catalog.categories.flatMap((category) => category.subcategories.map((subcategory) => serviceOf(category, subcategory)));
}

/** The subcategory a service code names in this catalog, with its category. */
export function findService(catalog: Catalog, code: string): { category: Category; subcategory: Subcategory } | undefined {
  for (const category of catalog.categories) {
    const subcategory = category.subcategories.find((candidate) => candidate.code === code);
    if (subcategory) return { category, subcategory };
  }
  return undefined;
}

/** The questions a filing of this subcategory answers beyond Open311's own fields, in order. */
export function attributesOf(subcategory: Subcategory): Open311Attribute[] {
  const attributes: Omit<Open311Attribute, 'order'>[] = [
    {
      variable: true,
      code: attributeCodes.title,
      datatype: 'string',
      required: false,
      datatype_description: '2至60个字',
      description: '标题（不填则用问题小类名称）',
      values: [],
    },
    {
      variable: true,
      code: attributeCodes.building,
      datatype: 'string',
      required: false,
      datatype_description: '楼栋编号，须同时给出小区编号（address_id）',
      description: '楼栋',
      values: [],
    },
  ];
  if (subcategory.anonymousAllowed) {
    attributes.push({
      variable: true,
      code: attributeCodes.anonymous,
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '匿名时只有街镇与区中心知道上报人',
      description: '是否匿名上报',
      values: [
        { key: 'false', name: '否' },
        { key: 'true', name: '是' },
      ],
    });
  }
  return attributes.map((attribute, index) => ({ ...attribute, order: index + 1 }));
}

/** The definition of a service: its attributes. */
export function serviceDefinitionOf(subcategory: Subcategory): Open311ServiceDefinition {
  return { service_code: subcategory.code, attributes: attributesOf(subcategory) };
}
