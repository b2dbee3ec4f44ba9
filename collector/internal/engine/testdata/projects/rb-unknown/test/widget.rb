describe 'Widget' do
  it 'renders' do
  end
end
