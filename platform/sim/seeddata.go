package sim

import "github.com/printstation/printstation/platform/doudian"

// surnames include two compound ones; givenNames include characters outside GB2312
// (堃 玥 喆 淏 旻) that a label printer's font must still render.
var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
	"郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "欧阳", "司马",
}

var givenNames = []string{
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "霞", "平", "子涵", "浩然", "雨桐", "一诺", "欣怡", "梓轩", "思远",
	"堃", "玥", "喆", "淏然", "旻", "晓玥", "家堃", "文喆",
}

var phonePrefixes = []string{"138", "139", "135", "150", "159", "177", "186", "188", "199", "133"}

var communities = []string{
	"翠苑三区", "金地格林小城", "万科城市花园", "阳光100国际新城", "保利天悦", "碧桂园凤凰城",
	"华润二十四城", "龙湖时代天街", "绿城桂花园", "世纪花园", "和平里小区", "锦绣江南",
}

// deliveryNotes make some detail addresses long, as buyers write them.
var deliveryNotes = []string{
	"（门口有丰巢快递柜请放柜里，周末家里没人，工作日下午五点以后再送，谢谢师傅）",
	"东门进左转第二栋，电梯坏了请放一楼物业前台，联系不上请发短信不要打电话",
	"-B座1703#（公司前台代收，午休时间12:00-13:30无人，请避开）",
	"旁边的菜鸟驿站代收也可以，请务必在包裹上写清楚收件人姓名，小区里同名的人比较多",
}

// catalogueItem is one sellable SKU with its price in fen.
type catalogueItem struct {
	productID   int64
	productName string
	skuID       int64
	code        string
	spec        []doudian.SpecItem
	price       int64
}

var catalogue = []catalogueItem{
	{3629845501237760812, "北欧风陶瓷马克杯 带盖勺 大容量", 1768025340187649, "MUG-350-WHT",
		[]doudian.SpecItem{{Name: "颜色", Value: "奶白"}, {Name: "容量", Value: "350ml"}}, 2990},
	{3629845501237760812, "北欧风陶瓷马克杯 带盖勺 大容量", 1768025340187650, "MUG-350-GRN",
		[]doudian.SpecItem{{Name: "颜色", Value: "墨绿"}, {Name: "容量", Value: "350ml"}}, 2990},
	{3629845501237761990, "日式实木托盘 长方形 胡桃木色 {限定款}", 1768025340199001, "TRAY-L-WAL",
		[]doudian.SpecItem{{Name: "尺寸", Value: "40×28cm"}}, 9840},
	{3629845501237762204, "棉麻桌布 防水防油 ins风", 1768025340210044, "CLOTH-140",
		[]doudian.SpecItem{{Name: "尺寸", Value: "140×180cm"}}, 3990},
	{3629845501237763318, "大豆香薰蜡烛 无烟 礼盒装", 1768025340221317, "CANDLE-FIG",
		[]doudian.SpecItem{{Name: "香型", Value: "无花果"}, {Name: "规格", Value: "200g"}}, 5900},
	{3629845501237763318, "大豆香薰蜡烛 无烟 礼盒装", 1768025340221318, "CANDLE-TEA",
		[]doudian.SpecItem{{Name: "香型", Value: "白茶"}, {Name: "规格", Value: "200g"}}, 5900},
	{3629845501237764021, "竹制砧板 加厚 双面可用", 1768025340230092, "BOARD-BMB-M",
		[]doudian.SpecItem{{Name: "尺寸", Value: "中号 36×24cm"}}, 4580},
	{3629845501237765530, "耐热玻璃水杯 带茶隔 \"透明款\"", 1768025340241560, "GLASS-400",
		[]doudian.SpecItem{{Name: "容量", Value: "400ml"}}, 1990},
	{3629845501237766107, "亚麻抱枕套 45×45cm 不含芯", 1768025340252203, "PILLOW-LIN-GRY",
		[]doudian.SpecItem{{Name: "颜色", Value: "浅灰"}}, 3500},
	{3629845501237767764, "可叠加收纳盒 三件套 & 带盖", 1768025340263381, "BOX-SET3",
		[]doudian.SpecItem{{Name: "颜色", Value: "雾蓝"}, {Name: "规格", Value: "小中大各1"}}, 6900},
}

// buyerWords are buyer remarks; the empty ones make most orders remark-free.
var buyerWords = []string{
	"", "", "", "",
	"麻烦发顺丰，\"易碎\"请多包两层气泡膜\n谢谢！🎁",
	"送人的，请不要放价格单🎁",
	"尽快发货，周末要用",
	"颜色要和图片一样的哦~",
	"包装盒不要压坏 <急用>",
}

// sellerWords are seller memos with their flag stars.
var sellerWords = []struct {
	text  string
	stars int
}{
	{"", 0}, {"", 0}, {"", 0},
	{"直播间福利单，加赠杯垫", 3},
	{"老客户，随单送小样", 1},
	{"已电话确认地址", 2},
}

var liveAuthors = []struct {
	id   int64
	name string
}{
	{61834452211, "青禾家居官方直播间"},
	{61834452987, "青禾好物小助理"},
}
