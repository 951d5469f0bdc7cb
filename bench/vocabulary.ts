// The words a generated scheme is made of: a unit's departments with their subjects and business types, the
// aspects of a subject, document types, the departments that write them, and titles that match no row.

export interface Department {
  code: string;
  name: string;
  /** Business type used by the `businessType ==` rows. */
  business: string;
  subjects: string[];
}

export const DEPARTMENTS: Department[] = [
  {
    code: 'ZH',
    name: '综合管理',
    business: '行政管理',
    subjects: [
      '党政联席会议',
      '总经理办公会',
      '董事会',
      '股东会',
      '监事会',
      '年度工作计划',
      '规章制度',
      '公文处理',
      '印章管理',
      '保密工作',
      '信访工作',
      '档案工作',
      '督查督办',
    ],
  },
  {
    code: 'DQ',
    name: '党群工作',
    business: '党群工作',
    subjects: [
      '党委会',
      '党员发展',
      '党费收缴',
      '组织生活会',
      '纪检监察',
      '巡察整改',
      '工会会员代表大会',
      '共青团',
      '职工代表大会',
      '统战工作',
      '宣传思想',
      '精神文明建设',
    ],
  },
  {
    code: 'RS',
    name: '人力资源',
    business: '人事管理',
    subjects: [
      '干部任免',
      '人员招聘',
      '劳动合同',
      '职称评审',
      '工资调整',
      '社会保险',
      '员工培训',
      '考核奖惩',
      '退休审批',
      '人事档案',
      '机构编制',
      '住房公积金',
      '劳动争议',
    ],
  },
  {
    code: 'CW',
    name: '财务资产',
    business: '财务管理',
    subjects: [
      '财务预算',
      '财务决算',
      '资金支付',
      '税务申报',
      '内部审计',
      '资产评估',
      '固定资产',
      '成本核算',
      '银行账户',
      '债务融资',
      '对外投资',
      '国有资产产权',
      '往来款项',
    ],
  },
  {
    code: 'YW',
    name: '生产经营',
    business: '经营管理',
    subjects: [
      '市场营销',
      '客户服务',
      '产品研发',
      '质量管理',
      '安全生产',
      '环境保护',
      '合同管理',
      '招标采购',
      '物资管理',
      '信息化建设',
      '科技项目',
      '知识产权',
      '应急管理',
    ],
  },
  {
    code: 'JJ',
    name: '基本建设',
    business: '基建管理',
    subjects: [
      '项目立项',
      '可行性研究',
      '工程设计',
      '施工许可',
      '竣工验收',
      '工程结算',
      '土地征用',
      '房屋产权',
      '监理管理',
      '工程质量监督',
      '消防验收',
      '规划许可',
    ],
  },
];

export const ASPECTS = ['编制', '调整', '执行', '检查', '整改', '审批', '备案', '考核', '统计', '评估', '申报', '验收'];
export const DOC_TYPES = [
  '通知',
  '通报',
  '决定',
  '纪要',
  '请示',
  '批复',
  '报告',
  '函',
  '意见',
  '方案',
  '计划',
  '总结',
  '办法',
  '合同',
  '简报',
];
export const IMPORTANT_TYPES = ['决定', '纪要', '方案', '办法', '请示', '批复'];
export const ROUTINE_TYPES = ['通知', '通报', '函', '报告', '计划', '总结'];
export const DEPT_NAMES: Record<string, string[]> = {
  ZH: ['办公室', '董事会办公室'],
  DQ: ['党委办公室', '工会', '纪委'],
  RS: ['人力资源部'],
  CW: ['财务部', '审计部'],
  YW: ['市场部', '生产部', '安全环保部', '科技部'],
  JJ: ['基建部', '工程管理部'],
};
/** Titles that match no row (routine papers a unit also receives). */
export const MISC_TITLES = [
  '关于做好春节期间值班工作的安排',
  '食堂菜谱调整说明',
  '关于办公楼电梯维保的联系函',
  '会议室使用登记表',
  '关于组织职工健步走活动的倡议',
  '报刊征订目录',
  '关于调整班车发车时间的说明',
  '办公用品领用登记',
  '关于开展读书月活动的倡议',
  '停车场车位分配情况说明',
];
