import type { CertificateDocument } from '../../lambdas/adapters/pdf/certificate-document';
import vector from './fixtures/qr-vector.json';

/** A typical certificate (also the render bench's); the QR text is the documented test vector's. */
export const base: CertificateDocument = {
  licenceNo: '(鄂)XK13-001-00001',
  version: 2,
  paperSerial: 'HB2026-0001234',
  enterprise: {
    name: '武汉长江钢铁有限公司',
    uscc: '91420100MA4K2X1R09',
    domicile: '湖北省武汉市青山区工业大道 88 号',
    productionAddresses: ['湖北省武汉市青山区工业大道 88 号', '湖北省鄂州市葛店经济技术开发区创业大道 16 号'],
  },
  products: [
    { name: '热轧带肋钢筋', nameEn: 'Hot-rolled ribbed steel bars', categoryName: '建筑用钢筋' },
    { name: '冷轧带肋钢筋', nameEn: 'Cold-rolled ribbed steel bars', categoryName: '建筑用钢筋' },
  ],
  issueDate: '2026-09-28',
  validUntil: '2031-09-27',
  issuingAuthority: '湖北省市场监督管理局',
  qrText: vector.qrText,
};

const PRODUCTS = [
  ['热轧带肋钢筋', 'Hot-rolled ribbed steel bars'],
  ['冷轧带肋钢筋', 'Cold-rolled ribbed steel bars'],
  ['电线电缆', 'Wires and cables'],
  ['水泥', 'Cement'],
  ['危险化学品包装物、容器', 'Packaging and containers for hazardous chemicals'],
  ['化肥', 'Chemical fertilisers'],
  ['钢丝绳', 'Steel wire ropes'],
  ['胶合板', 'Plywood'],
  ['细木工板', 'Blockboard'],
  ['安全帽', 'Safety helmets'],
] as const;

export const documents: Record<string, CertificateDocument> = {
  typical: base,
  minimal: {
    ...base,
    version: 1,
    enterprise: {
      ...base.enterprise,
      name: '堃猇化工有限公司',
      productionAddresses: ['湖北省宜昌市猇亭区猇亭大道 1 号'],
    },
    products: [{ name: '危险化学品（无机产品）' }],
  },
  longest: {
    ...base,
    enterprise: {
      name: '湖北长江经济带绿色智能制造与新型建筑材料科技集团股份有限公司第一分公司（Hubei Yangtze Green Building Materials Co., Ltd. Branch One）',
      uscc: '91420100MA4K2X1R09',
      domicile: '湖北省武汉市东湖新技术开发区光谷大道特一号光谷生物城创新园二期B3栋1至5层及地下一层（自贸区武汉片区）',
      productionAddresses: [
        '湖北省武汉市青山区工业大道 88 号一号厂房、二号厂房及配套原料堆场',
        '湖北省鄂州市葛店经济技术开发区创业大道 16 号',
        '湖北省黄石市西塞山区黄石大道 1099 号（黄石园区）第三生产车间',
        '湖北省孝感市汉川市经济开发区新河镇工业园 2 号',
        '湖北省荆州市沙市区江津东路 288 号 Building 7, Jingzhou Industrial Park',
      ],
    },
    products: PRODUCTS.map(([name, nameEn]) => ({ name, nameEn, categoryName: '示例类别' })),
    issuingAuthority: '新疆维吾尔自治区市场监督管理局',
  },
  latin: {
    ...base,
    licenceNo: '（苏）XK06-014-00099',
    enterprise: {
      name: 'Siemens-Schuckertwerke Electrical Engineering (Suzhou) Incorporated Manufacturing Subsidiary 西门子电气（苏州）有限公司',
      uscc: '91320594MA1MXXXX3Y',
      domicile: 'No. 18 Suhong West Road, Suzhou Industrial Park, Suzhou, Jiangsu Province, People’s Republic of China',
      productionAddresses: [
        'Suzhou Industrial Park Supercalifragilisticexpialidociousindustrialcomplexbuildingnumberseven',
      ],
    },
    products: PRODUCTS.slice(2, 5).map(([name, nameEn]) => ({ name, nameEn })),
    issuingAuthority: '江苏省市场监督管理局',
  },
};
