require 'rails_helper'

RSpec.describe User, type: :model do
  let(:user) { build(:user) }

  describe '#full_name' do
    it 'joins first and last name' do
      expect(user.full_name).to eq('Ada Lovelace')
    end

    it "strips whitespace" do
      expect(user.full_name).not_to start_with(' ')
    end
  end

  describe '.active' do
    context 'when the user confirmed' do
      specify { expect(User.active).to include(user) }

      example 'is listed first' do
        expect(User.active.first).to eq(user)
      end
    end

    context 'when the user is banned' do
      it 'is not listed' do
        expect(User.active).not_to include(user)
      end
    end
  end

  it { is_expected.to validate_presence_of(:email) }
end
